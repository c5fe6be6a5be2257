"""Encodings, line ends, mojibake and binary input."""

from __future__ import annotations

import pytest

from newsarchive.ingest.decode import MAX_LINE, decode_bytes, fix_text
from newsarchive.ingest.model import InputError

TEXT = "Café owners in Port Enna protest the “terrace tax” – €2 per m²\nSecond line"


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("cp1252"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r\n").encode("cp1252"),
        TEXT.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "utf8-crlf", "cp1252-crlf", "cr"],
)
def test_encodings_and_line_ends_decode_to_the_same_text(raw: bytes) -> None:
    assert decode_bytes(raw) == TEXT


def test_bytes_undefined_in_windows_1252_never_crash() -> None:
    assert decode_bytes(b"Kessin \x81\x8d\x8f\x90 ferry \xff") == "Kessin  ferry ÿ"


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("Merlo RÃ©sidences, chairman JosÃ© Ferrant", "Merlo Résidences, chairman José Ferrant"),
        ("the information â€œas isâ€ without", "the information “as is” without"),
        ("the â€œas isâ€\x9d text", "the “as is” text"),
        ("Zürich-based and KÃ¶ln-based", "Zürich-based and Köln-based"),
        ("costs Â£5", "costs £5"),
    ],
)
def test_common_mojibake_is_repaired(broken: str, fixed: str) -> None:
    assert fix_text(broken) == fixed


@pytest.mark.parametrize(
    "correct",
    [
        "Åsgard Shipping named Seána Lyle; Noémie Garrow and Søren Ødegård agreed.",
        "“Quoted” and ‘single’ – dashes — ellipsis… €2 ½ ¼ µ ß ÿ",
        "Ãrvik is a made-up name with a tilde-A? No: Ã alone stays.",
        "Straße, naïve, façade, Ærø, Œuvre, ŠKODA-like Čapek",
        "Ελληνικά, русский, العربية, 日本語, 한국어",
        "&amp; &lt;b&gt; stay as typed",
    ],
)
def test_correct_text_is_left_alone(correct: str) -> None:
    assert fix_text(correct) == correct


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty file"),
        (b" \n\r\n\t\n", "empty file (only whitespace)"),
        (b"Title\n\nBody\x00\x01\x02", "binary file (contains NUL bytes), not article text"),
    ],
)
def test_unusable_input_is_rejected_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(raw)
    assert str(caught.value) == reason


def test_binary_without_nul_bytes_is_rejected() -> None:
    raw = bytes(range(1, 32)) * 50
    with pytest.raises(InputError, match=r"^binary file \(\d+ control characters\)"):
        decode_bytes(raw)


def test_a_huge_single_line_is_rejected_quickly() -> None:
    raw = b"word " * 1_000_000  # 5 MB, no line break
    with pytest.raises(InputError) as caught:
        decode_bytes(raw)
    assert str(caught.value) == (
        f"line 1 is 5000000 characters long (no paragraph structure; the limit is {MAX_LINE})"
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_decode(encoding: str) -> None:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    raw = bom + TEXT.replace("\n", "\r\n").encode(encoding)
    assert decode_bytes(raw) == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_rejected_by_name(encoding: str) -> None:
    with pytest.raises(InputError, match=r"^UTF-16 text without a byte-order mark; save it as"):
        decode_bytes(TEXT.encode(encoding))


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\xff\xfe", "empty file"),
        (b"\xff\xfe" + " \n\t".encode("utf-16-le"), "empty file (only whitespace)"),
        (b"\xff\xfeA\x00\x00\x00B\x00", "binary file (contains NUL characters), not article text"),
        (b"\xff\xfeA\x00\x00\xd8", "starts with a UTF-16 byte-order mark but is not valid UTF-16"),
    ],
)
def test_broken_utf16_is_rejected(raw: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(raw)
    assert str(info.value).startswith(reason)
