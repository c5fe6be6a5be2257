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
from ftfy.badness import is_bad

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
_FTFY_TRIGGER = re.compile("[\x1b\x80-\x9f\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
_BINARY = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start : error.end]
    return "".join(chr(b) for b in bad), error.end


codecs.register_error("newsarchive-latin1", _latin1_fallback)


def decode_bytes(raw: bytes) -> str:
    """Return the text of a raw file with ``\\n`` line ends, or raise :class:`InputError`."""
    if not raw:
        raise InputError("empty file")
    text = _decode_utf16(raw)
    if text is None:
        if b"\x00" in raw:
            if _looks_like_utf16(raw):
                raise InputError(
                    "UTF-16 text without a byte-order mark; save it as UTF-8 (or UTF-16 with a BOM)"
                )
            raise InputError("binary file (contains NUL bytes), not article text")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="newsarchive-latin1")
    if not text.strip():
        raise InputError("empty file" if not text else "empty file (only whitespace)")
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


def _decode_utf16(raw: bytes) -> str | None:
    """UTF-16 (Windows "Unicode" text) is decoded when its byte-order mark says so; None when
    there is no UTF-16 BOM. NUL bytes are legitimate there, so this runs before the binary check.
    """
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        return None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"starts with a {encoding.upper()} byte-order mark but is not "
            f"valid {encoding.upper()} (byte {exc.start})"
        ) from exc
    if "\x00" in text:
        raise InputError("binary file (contains NUL characters), not article text")
    return text


def _looks_like_utf16(raw: bytes) -> bool:
    """Mostly-ASCII UTF-16 without a BOM: NUL in (nearly) every other byte, nowhere else."""
    sample = raw[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return any(
        half.count(0) >= 0.9 * len(half) and other.count(0) == 0
        for half, other in ((even, odd), (odd, even))
    )


def fix_text(text: str) -> str:
    """Repair mojibake, drop control characters; correct text comes back unchanged."""
    text = _LOST_RDQUO.sub("\u201d", text)
    lines = [ftfy.fix_text(line, _FTFY) if _needs_ftfy(line) else line for line in text.split("\n")]
    return _CONTROL.sub("", "\n".join(lines))


def _needs_ftfy(line: str) -> bool:
    """Whether ftfy could change ``line`` with :data:`_FTFY` (ftfy is slow; most lines are fine).

    With this configuration ftfy changes a line only when its own mojibake test
    (``badness.is_bad``) fires, or the line holds C1 controls, surrogates or terminal escapes.
    ASCII lines without escapes are skipped outright; curly quotes and accents in correct text
    ("town’s", "Élodie") no longer pay for a full ftfy pass.
    """
    if line.isascii():
        return "\x1b" in line
    return _FTFY_TRIGGER.search(line) is not None or is_bad(line)
