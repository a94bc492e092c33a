"""Decoded lines of a file, streamed, each with its line number.

ASCII-compatible encodings (UTF-8, Windows-1251) are decoded line by line, so one bad byte
costs one located error on its line, not the whole file.  UTF-16/32 are decoded as a stream.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from uavscreen.io.encoding import SAMPLE, detect


@dataclass(slots=True)
class Line:
    number: int
    text: str
    error: str | None = None


def open_lines(path: Path, encoding: str | None = None) -> tuple[str, Iterator[Line]]:
    """The encoding used and an iterator over the decoded lines (with their line ends)."""
    f: BinaryIO = path.open("rb")
    sample = f.read(SAMPLE)
    f.seek(0)
    try:
        enc = detect(sample, str(path), encoding)
    except BaseException:
        f.close()
        raise
    return enc, _lines(f, enc)


def _lines(f: BinaryIO, enc: str) -> Iterator[Line]:
    with f:
        if enc.startswith(("utf-16", "utf-32")):
            text = io.TextIOWrapper(f, encoding=enc, newline="")
            for n, line in enumerate(text, 1):
                yield Line(n, line)
            return
        if enc == "utf-8-sig":
            f.read(3)
            enc = "utf-8"
        for n, raw in enumerate(f, 1):
            try:
                yield Line(n, raw.decode(enc))
            except UnicodeDecodeError as exc:
                yield Line(n, raw.decode(enc, errors="replace"),
                           f"byte 0x{raw[exc.start]:02x} at column {exc.start + 1} is not valid {enc}")


def texts_noting_errors(lines: Iterator[Line], errors: list[Line]) -> Iterator[str]:
    """The lines' texts, for ``csv.reader`` (a row may span lines); each line that could
    not be decoded is also put in ``errors``, which the caller reads and empties per row."""
    for ln in lines:
        if ln.error:
            errors.append(ln)
        yield ln.text
