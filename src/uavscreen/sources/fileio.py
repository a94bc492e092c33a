"""Open an official list file whatever way it was compressed.

Official lists arrive as plain files, ``.gz`` copies (our bundle) or ``.zip`` archives
(some publishers).  Format modules must not care: they call :func:`open_binary` and get
the decompressed bytes of the one list file.  Archives are a classic attack vector, so a
zip member whose declared size or compression ratio looks like a zip bomb is refused and
a ``.zip`` with several list members is refused rather than guessing which one counts.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path
from typing import BinaryIO

from uavscreen.sources.base import SourceError

#: Largest decompressed list member we accept from a zip (the biggest official list,
#: the OFAC SDN advanced XML, is ~100 MB).
MAX_MEMBER_BYTES = 1 << 30
#: Largest accepted compression ratio of a zip member; text lists compress ~10-30x.
MAX_RATIO = 200
#: Members of a zip that can be a list file.
LIST_SUFFIXES = (".xml", ".csv", ".xlsx", ".json", ".txt", ".tsv")
HEAD_BYTES = 65536


class _SizeCappedReader(io.RawIOBase):
    """Wraps a zip member stream and fails once more than ``limit`` bytes come out:
    the declared size in the zip directory may lie."""

    def __init__(self, raw: BinaryIO, limit: int, path: Path) -> None:
        self._raw = raw
        self._limit = limit
        self._seen = 0
        self._path = path

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        self._seen += len(data)
        if self._seen > self._limit:
            raise SourceError(self._path, None, f"zip member inflates beyond {self._limit} bytes (zip bomb?)")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _zip_member(path: Path) -> BinaryIO:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceError(path, None, f"not a readable zip archive: {exc}") from exc
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir() and info.filename.lower().endswith(LIST_SUFFIXES)
    ]
    if len(members) != 1:
        names = ", ".join(i.filename for i in members) or "none"
        archive.close()
        raise SourceError(path, None, f"zip must hold exactly one list file, found: {names}")
    info = members[0]
    if info.file_size > MAX_MEMBER_BYTES:
        archive.close()
        raise SourceError(path, f"member {info.filename}", f"declared size {info.file_size} exceeds limit")
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        archive.close()
        raise SourceError(
            path,
            f"member {info.filename}",
            f"compression ratio {info.file_size // info.compress_size}:1 looks like a zip bomb",
        )
    raw = archive.open(info)
    limit = min(MAX_MEMBER_BYTES, max(info.file_size, 1))
    return io.BufferedReader(_SizeCappedReader(raw, limit, path))  # type: ignore[arg-type]


def logical_name(path: Path) -> str:
    """The file name without a transport-compression suffix (``SDN.CSV.gz`` → ``SDN.CSV``)."""
    name = path.name
    return name[:-3] if name.lower().endswith(".gz") else name


def open_binary(path: str | Path) -> BinaryIO:
    """Open ``path`` for reading its decompressed bytes (.gz, .zip or plain)."""
    path = Path(path)
    lower = path.name.lower()
    try:
        if lower.endswith(".gz"):
            return gzip.open(path, "rb")  # type: ignore[return-value]
        if lower.endswith(".zip"):
            return _zip_member(path)
        return path.open("rb")
    except OSError as exc:
        raise SourceError(path, None, f"cannot open: {exc.strerror or exc}") from exc


def read_head(path: str | Path, n: int = HEAD_BYTES) -> bytes:
    """The first ``n`` decompressed bytes of ``path`` (what ``claim()`` looks at)."""
    path = Path(path)
    try:
        with open_binary(path) as fh:
            return fh.read(n)
    except (OSError, EOFError, zipfile.BadZipFile) as exc:
        raise SourceError(path, "start of file", f"cannot read: {exc}") from exc
