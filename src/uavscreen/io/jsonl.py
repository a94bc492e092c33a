"""JSON lines: one shipment object per line (blank lines and ``#`` comments skipped)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from uavscreen.errors import InputError
from uavscreen.io.records import Record
from uavscreen.io.text import open_lines
from uavscreen.io.validate import validate


def read_jsonl(path: Path, encoding: str | None = None) -> Iterator[Record]:
    _enc, lines = open_lines(path, encoding)
    for line in lines:
        where = f"line {line.number}"
        if line.error:
            yield Record(where, None, [InputError(str(path), where, line.error)])
            continue
        text = line.text.strip()
        if not text or text.startswith("#"):
            continue
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Record(where, None, [InputError(str(path), f"{where}, column {exc.colno}", f"invalid JSON: {exc.msg}")])
            continue
        shipment, errors = validate(raw, str(path), where)
        yield Record(where, shipment, errors)
