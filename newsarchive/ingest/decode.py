"""Raw bytes to clean text: encoding detection, line ends, mojibake, control characters.

Scraped copies arrive as UTF-8, UTF-8 with BOM or Windows-1252, with CRLF or LF line ends, and
sometimes with UTF-8 that was decoded as Windows-1252 somewhere upstream (``â€œas isâ€``). Decoding
never raises for text-like input: bytes that are undefined in Windows-1252 map to the Latin-1
character of the same value. Binary files are rejected with a reason instead of producing garbage.
"""

from __future__ import annotations

import codecs
import re

import ftfy

from newsarchive.ingest.model import InputError

MAX_LINE = 100_000  # a longer "line" is not article text (no paragraph structure) and is rejected

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,  # "&amp;" in the input is text and must stay text
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
# A UTF-8 right double quote (E2 80 9D) read as Windows-1252 loses its last byte (0x9D is undefined
# there), leaving "â€" before a space or line end; ftfy alone would guess "†" (E2 80 A0).
_CP1252_CONTINUATION = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ" + "".join(map(chr, range(0x80, 0xC0)))
_LOST_RDQUO = re.compile("â€(?:\x9d|(?![" + re.escape(_CP1252_CONTINUATION) + "]))")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
_BINARY = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start : error.end]
    return "".join(chr(b) for b in bad), error.end


codecs.register_error("newsarchive-latin1", _latin1_fallback)


def decode_bytes(raw: bytes) -> str:
    """Return the text of a raw file with ``\\n`` line ends, or raise :class:`InputError`."""
    if not raw.strip():
        raise InputError("empty file" if not raw else "empty file (only whitespace)")
    if b"\x00" in raw:
        raise InputError("binary file (contains NUL bytes), not article text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="newsarchive-latin1")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_BINARY.findall(text))
    if controls > max(8, len(text) // 100):
        raise InputError(f"binary file ({controls} control characters), not article text")
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise InputError(
                f"line {number} is {len(line)} characters long (no paragraph structure; "
                f"the limit is {MAX_LINE})"
            )
    return fix_text(text)


def fix_text(text: str) -> str:
    """Repair mojibake, drop control characters; correct text comes back unchanged."""
    text = _LOST_RDQUO.sub("\u201d", text)
    # ASCII-only lines cannot hold mojibake; skipping them keeps big files fast (ftfy is slow)
    lines = [
        line if line.isascii() and "\x1b" not in line else ftfy.fix_text(line, _FTFY)
        for line in text.split("\n")
    ]
    return _CONTROL.sub("", "\n".join(lines))
