"""Finding and reading input files, whatever an archive throws at us.

Scraped archives arrive with file names that are not UTF-8, that hold newlines, that are as long as
the file system allows, with links that loop, lead nowhere or lead out of the archive, and with
files that change while ingest runs. Every such case becomes a one-line reason for that one input;
none may stop the others or end in a traceback.

Paths are stored and shown through :func:`escape`, so a name that is not valid UTF-8 (kept by
Python as surrogate escapes) or that holds control characters is recorded losslessly and always
prints as one line.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from newsarchive.ingest import layout
from newsarchive.ingest.extras import is_sidecar
from newsarchive.ingest.model import InputError
from newsarchive.ingest.report import Record

# Read no file larger than this into memory: a scraped article is a few kilobytes; a file this
# big is a dump or a mistake, and reading it would only delay the one-line rejection.
MAX_FILE_BYTES = 32 * 2**20

_NAMED = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(path: str | os.PathLike[str]) -> str:
    """A path as printable, valid UTF-8 text, losslessly.

    A byte that is not UTF-8 (``os.fsdecode`` keeps it as a lone surrogate) becomes ``\\xNN``,
    newline, carriage return and tab become ``\\n``, ``\\r``, ``\\t``, other control characters
    ``\\xNN``, and a backslash is doubled, so the original bytes can always be recovered. Ordinary
    paths come back unchanged.
    """
    text = os.fspath(path)
    if text.isprintable() and "\\" not in text:
        return text
    out = []
    for char in text:
        code = ord(char)
        if char in _NAMED:
            out.append(_NAMED[char])
        elif 0xDC80 <= code <= 0xDCFF:  # surrogateescape of a non-UTF-8 byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


@dataclass
class Input:
    file: Path  # where to read it
    shown: str  # how messages and the report name it (escaped)
    raw_path: str  # stable, relative, escaped: stored in front matter and manifest
    legacy_raw_path: str = ""  # how earlier versions named it (found in older manifests)


def collect_inputs(
    paths: list[str], cwd: Path, chosen: str = "auto"
) -> tuple[list[Input], list[Record]]:
    """Expand PATH arguments: files, or folders searched recursively for the file names that
    the registered layouts read (``*.txt``; for a forced ``--format``, that layout's names).

    ``raw_path`` is relative to the folder named on the command line (``ingest samples/raw``
    gives ``menafn/x.txt``), or the file name for a file named directly, so it never depends on
    where ingest runs. Two PATH arguments that would give one name the same path keep the older,
    longer form for those files: relative to the working directory when the file lies under it,
    else to the parent of the PATH argument; that form is also ``legacy_raw_path``, how manifests
    written before knew the file. A link found in a folder must stay inside that folder: an
    archive cannot make ingest publish ``/etc/passwd``.
    """
    found: dict[Path, Input] = {}
    failed: list[Record] = []
    base_cwd = cwd.resolve()
    for given in paths:
        root = Path(given)
        reason = _not_a_file(root)
        if reason == _FOLDER:
            files = _walk(root, chosen, failed)
        elif reason is None:
            files = [root]
        else:
            failed.append(Record(escape(given), "failed", None, reason))
            continue
        top = root.resolve()
        anchor = top.parent
        for file in files:
            resolved = file.resolve()
            if reason == _FOLDER and not resolved.is_relative_to(top):
                failed.append(Record(escape(file), "failed", None, _OUTSIDE))
                continue
            if resolved in found:
                continue
            legacy = _relative(resolved, base_cwd, anchor) or _relative(
                Path(os.path.abspath(file)), base_cwd, Path(os.path.abspath(root)).parent
            )
            if legacy is None:
                failed.append(Record(escape(file), "failed", None, "cannot name this file"))
                continue
            given_root = Path(os.path.abspath(root)) if reason == _FOLDER else None
            short = (
                _relative(Path(os.path.abspath(file)), given_root) or _relative(resolved, top)
                if given_root is not None
                else file.name
            )
            found[resolved] = Input(file, escape(file), escape(short or legacy), escape(legacy))
    _keep_names_apart(list(found.values()))
    return sorted(found.values(), key=lambda item: item.raw_path), failed


def _keep_names_apart(inputs: list[Input]) -> None:
    """Files that would share a ``raw_path`` (same relative name under two PATH arguments) are
    named by their longer, legacy form instead, so no two inputs are confused."""
    counts: dict[str, int] = {}
    for item in inputs:
        counts[item.raw_path] = counts.get(item.raw_path, 0) + 1
    for item in inputs:
        if counts[item.raw_path] > 1:
            item.raw_path = item.legacy_raw_path


_FOLDER = "is a folder, not a text file"
_OUTSIDE = "symbolic link to a file outside the input folder; not read"


def _relative(path: Path, *bases: Path) -> str | None:
    for base in bases:
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return None


def _walk(root: Path, chosen: str, failed: list[Record]) -> list[Path]:
    """Files under ``root`` whose names a layout reads; folders that cannot be listed and
    names that are no regular file are reported into ``failed``. Links to folders are not
    followed (no loops, no escape from the archive)."""

    def unlisted(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else root
        failed.append(Record(escape(where), "failed", None, _reason(exc, "cannot list folder")))

    files: list[Path] = []
    for folder, dirs, names in os.walk(root, onerror=unlisted):
        dirs.sort()
        for name in sorted(dirs + names):
            if not layout.REGISTRY.claims_name(name, chosen) or is_sidecar(name):
                continue  # a NAME.meta.json sidecar belongs to NAME.txt, it is no article
            path = Path(folder, name)
            reason = _not_a_file(path)
            if reason is None:
                files.append(path)
            else:
                failed.append(Record(escape(path), "failed", None, reason))
    return files


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as an article (``_FOLDER`` for a folder), or None for a
    regular file or a link to one. Links that loop or lead nowhere, FIFOs and devices are
    reported, never opened, so a FIFO cannot block the run."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if os.path.islink(path):
            return "broken symbolic link (its target does not exist)"
        return _reason(exc, "cannot read")
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _FOLDER
    return "not a regular file (FIFO, socket or device)"


def _reason(exc: OSError, doing: str) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    if exc.errno == errno.ENAMETOOLONG:
        return "name too long for the file system"
    return f"{doing} ({exc.strerror or exc})"


def read_input(path: Path) -> bytes:
    """The bytes of one input; :class:`InputError` with a one-line reason when it cannot be read.

    The checks are made on the opened file, so a file swapped for a FIFO, grown past the limit or
    removed since the folder was listed is caught here rather than blocking or half-read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise InputError("vanished before it could be read") from exc
        raise InputError(_reason(exc, "cannot read")) from exc
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise InputError("not a regular file (FIFO, socket or device)")
            if info.st_size > MAX_FILE_BYTES:
                raise InputError(
                    f"file is {info.st_size / 2**20:.0f} MB; an article is never that large "
                    f"(the limit is {MAX_FILE_BYTES // 2**20} MB)"
                )
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise InputError(_reason(exc, "cannot read")) from exc
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"file grew past {MAX_FILE_BYTES // 2**20} MB while being read")
    return data
