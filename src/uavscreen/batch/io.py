"""Batch input and output files: CSV, JSON lines and Parquet, streamed.

Readers yield :class:`~uavscreen.batch.records.RawRecord` one at a time (bounded memory for
any file size).  Text files are decoded as the shipment readers decode them
(:mod:`uavscreen.io.encoding`): UTF-8, UTF-16/32 by BOM or by their zero bytes, Windows-1251
recognised, or the encoding named by ``--encoding``.  A byte the encoding cannot decode costs
its own record a located reject instead of stopping the batch.  A problem with the whole file
(unknown format, no ``name`` column, an encoding it cannot be read in) is an
:class:`~uavscreen.errors.InputError` with the file and line.

Writers put output rows (``OUTPUT_COLUMNS``) and rejects (``REJECT_COLUMNS``) in the format the
output file's extension names, always to a temporary file renamed into place once complete.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from uavscreen.batch.records import INPUT_COLUMNS, RawRecord
from uavscreen.errors import InputError
from uavscreen.io.text import Line, open_lines, texts_noting_errors

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
csv.field_size_limit(1 << 20)


def file_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), None, f"unknown file type {path.suffix or '(none)'!r} "
                         f"(expected one of {', '.join(sorted(FORMATS))})")
    return fmt


def read_records(path: Path, encoding: str | None = None) -> Iterator[RawRecord]:
    """Every record of ``path`` in file order, numbered from 0.  ``encoding``: of a text
    file, when it cannot be told from the bytes."""
    if not path.is_file():
        raise InputError(str(path), None, "no such file")
    fmt = file_format(path)
    if fmt == "parquet":
        return _read_parquet(path)
    _enc, lines = open_lines(path, encoding)  # (an undecidable encoding fails here, before any work)
    return _read_csv(path, lines) if fmt == "csv" else _read_jsonl(lines)


def count_records(path: Path) -> int:
    """The number of records, exact for Parquet, from line ends for text (for the ETA)."""
    if file_format(path) == "parquet":
        return int(pq.ParquetFile(path).metadata.num_rows)
    n = 0
    with path.open("rb") as f:
        while block := f.read(1 << 22):
            n += block.count(b"\n")
    return max(n - (file_format(path) == "csv"), 0)


def _read_csv(path: Path, lines: Iterator[Line]) -> Iterator[RawRecord]:
    bad: list[Line] = []  # the lines of the current row that could not be decoded
    reader = csv.reader(texts_noting_errors(lines, bad))
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise InputError(str(path), "line 1", f"unreadable CSV header: {exc}") from None
    if bad:
        raise InputError(str(path), "line 1", f"unreadable CSV header: {bad[0].error}")
    columns = [h.strip().lower() for h in header]
    if "name" not in columns:
        raise InputError(str(path), "line 1", f"no 'name' column (columns: {', '.join(columns)}; "
                         f"expected {', '.join(INPUT_COLUMNS)})")
    seq = 0
    line = reader.line_num + 1
    while True:
        bad.clear()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RawRecord(seq, f"line {line}", {}, f"unreadable CSV: {exc}")
            seq += 1
            line = reader.line_num + 1
            continue
        where, line = f"line {line}", reader.line_num + 1
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        fields = dict(zip(columns, row, strict=False))
        error = bad[0].error if bad else None
        if error is None and len(row) != len(columns):
            error = f"expected {len(columns)} fields, found {len(row)}"
        yield RawRecord(seq, where, fields, error)
        seq += 1


def _read_jsonl(lines: Iterator[Line]) -> Iterator[RawRecord]:
    seq = 0
    for ln in lines:
        if not ln.text.strip():
            continue
        fields: dict[str, Any] = {}
        error = ln.error
        if error is None:
            try:
                obj = json.loads(ln.text)
            except json.JSONDecodeError as exc:
                error = f"invalid JSON at column {exc.colno}: {exc.msg}"
            else:
                if isinstance(obj, dict):
                    fields = obj
                else:
                    error = f"expected a JSON object, found {type(obj).__name__}"
        yield RawRecord(seq, f"line {ln.number}", fields, error)
        seq += 1


def _read_parquet(path: Path) -> Iterator[RawRecord]:
    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(str(path), None, f"unreadable Parquet file: {exc}") from None
    names = [n.lower() for n in pf.schema_arrow.names]
    if "name" not in names:
        raise InputError(str(path), None, f"no 'name' column (columns: {', '.join(names)})")
    columns = [c for c in pf.schema_arrow.names if c.lower() in INPUT_COLUMNS]
    seq = 0
    for batch in pf.iter_batches(batch_size=8192, columns=columns):
        for row in batch.to_pylist():
            yield RawRecord(seq, f"record {seq + 1}", {k.lower(): v for k, v in row.items()})
            seq += 1


# ---------------------------------------------------------------------- writing
def atomic_write(path: Path, write: Any) -> None:
    """Call ``write(binary_file)`` on a temporary file beside ``path``, fsync, rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _csv_cell(v: Any) -> Any:
    return "true" if v is True else "false" if v is False else v


def write_rows(path: Path, columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> int:
    """Write ``rows`` (only ``columns``, in order) to ``path`` in its format; the row count."""
    fmt = file_format(path)
    count = 0

    def write(fh: IO[bytes]) -> None:
        nonlocal count
        if fmt == "csv":
            text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
            w = csv.writer(text, lineterminator="\n")
            w.writerow(columns)
            for r in rows:
                w.writerow([_csv_cell(r.get(c)) for c in columns])
                count += 1
            text.flush()
            text.detach()
        elif fmt == "jsonl":
            for r in rows:
                fh.write(orjson.dumps({c: r.get(c) for c in columns}) + b"\n")
                count += 1
        else:
            count = _write_parquet(fh, columns, rows)

    atomic_write(path, write)
    return count


def _write_parquet(fh: IO[bytes], columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> int:
    types = {"score": pa.float64(), "match": pa.bool_(), "row": pa.int64()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in columns])
    count = 0
    with pq.ParquetWriter(fh, schema) as writer:
        batch: list[dict[str, Any]] = []
        for r in rows:
            batch.append(r)
            if len(batch) >= 65536:
                writer.write_table(pa.Table.from_pylist(batch, schema))
                count += len(batch)
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema))
        count += len(batch)
    return count
