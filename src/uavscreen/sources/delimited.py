"""Read a delimited text list (CSV, tab-separated) row by row with located errors.

The trade.gov CSL and the BIS Denied Persons file are delimited text with a header row.
Both must stream (bounded memory), and a broken file must say exactly where it broke, so
rows are decoded line by line from the raw bytes: a bad byte is reported with its own
line number rather than the position of whatever 8 KiB decoding chunk it fell in.
"""

from __future__ import annotations

import csv
import gzip
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from uavscreen.sources.base import SourceError
from uavscreen.sources.fileio import open_binary


def _decoded_lines(fh: BinaryIO, path: Path, encoding: str, counter: list[int]) -> Iterator[str]:
    """Decode ``fh`` one physical line at a time; ``counter[0]`` is the current line."""
    for raw in fh:
        counter[0] += 1
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise SourceError(
                path, f"line {counter[0]}, byte {exc.start + 1}", f"not valid {encoding} text ({exc.reason})"
            ) from exc
        if counter[0] == 1:
            text = text.removeprefix("\ufeff")
        yield text


def dict_rows(
    path: Path,
    *,
    delimiter: str = ",",
    required: Sequence[str] = (),
    encoding: str = "utf-8",
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line number where the record starts, {column: value})`` for every data row.

    Raises :class:`SourceError` with file and line for a missing header column, a row
    with the wrong number of fields, broken quoting, undecodable bytes, or a truncated or
    corrupt compressed file.  Blank lines are skipped (they carry no record).
    """
    counter = [0]
    with open_binary(path) as fh:
        reader = csv.reader(_decoded_lines(fh, path, encoding, counter), delimiter=delimiter, strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raise SourceError(path, "line 1", "file is empty (no header row)")
            header = [h.strip() for h in header]
            missing = [c for c in required if c not in header]
            if missing:
                raise SourceError(path, "line 1", f"header lacks column(s) {', '.join(missing)}; found {header}")
            start = counter[0] + 1
            for fields in reader:
                if not fields or fields == [""]:
                    start = counter[0] + 1
                    continue
                if len(fields) != len(header):
                    raise SourceError(
                        path,
                        f"line {start}",
                        f"row has {len(fields)} fields, header has {len(header)} (truncated or broken row?)",
                    )
                yield start, dict(zip(header, fields, strict=True))
                start = counter[0] + 1
        except csv.Error as exc:
            raise SourceError(path, f"line {counter[0]}", f"malformed {delimiter!r}-delimited text: {exc}") from exc
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise SourceError(path, f"after line {counter[0]}", f"compressed file is truncated or corrupt: {exc}") from exc
