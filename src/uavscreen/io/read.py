"""``read_shipments(path)``: the reader for a file's format, chosen by its extension."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from uavscreen.errors import InputError, UserError
from uavscreen.io.csv_rows import read_csv
from uavscreen.io.json_stream import read_json
from uavscreen.io.jsonl import read_jsonl
from uavscreen.io.records import Record

READERS: dict[str, Callable[[Path, str | None], Iterator[Record]]] = {
    ".json": read_json, ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".csv": read_csv,
}


def read_shipments(path: str | Path, encoding: str | None = None) -> Iterator[Record]:
    """Every shipment of ``path`` (``.json``, ``.jsonl``/``.ndjson``, ``.csv``), streamed.

    Raises :class:`UserError` for a file that cannot be read at all (missing, unknown format,
    empty, undecidable encoding); problems of single records come back inside the records."""
    p = Path(path)
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise UserError(f"{p}: unknown shipment file format {p.suffix!r}; use one of {', '.join(READERS)}")
    if not p.is_file():
        raise UserError(f"{p}: no such file")
    if p.stat().st_size == 0:
        raise InputError(str(p), None, "the file is empty")
    return _checked(reader(p, encoding), p)


def _checked(records: Iterator[Record], p: Path) -> Iterator[Record]:
    n = 0
    for r in records:
        n += 1
        yield r
    if n == 0:
        raise InputError(str(p), None, "no shipments in the file (only blank lines or a header)")
