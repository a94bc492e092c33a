"""JSON and JSON-lines reports: the verdicts exactly as the API returns them.

Each record is ``Verdict.to_dict()`` (shipment id, decision, findings, list versions,
policy).  Rows that could not be read are not dropped: they follow the verdicts as
``{"input_error": {"file", "location", "reason"}}`` records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import IO, Any

from uavscreen.errors import InputError
from uavscreen.model import Shipment, Verdict


def verdict_record(shipment: Shipment, verdict: Verdict) -> dict[str, Any]:
    record = verdict.to_dict()
    record["shipment_id"] = shipment.id  # the id as the user wrote it, even if screening normalised it
    return record


def error_record(error: InputError) -> dict[str, Any]:
    return {"input_error": {"file": error.file, "location": error.location, "reason": error.reason}}


def records(results: Sequence[tuple[Shipment, Verdict]], errors: Sequence[InputError]) -> Iterator[dict[str, Any]]:
    for shipment, verdict in results:
        yield verdict_record(shipment, verdict)
    for error in errors:
        yield error_record(error)


def _dumps(record: dict[str, Any], indent: int | None = None) -> str:
    # default=str: a finding's free-form details may carry dates or decimals
    return json.dumps(record, ensure_ascii=False, indent=indent, default=str)


def write_json(results: Sequence[tuple[Shipment, Verdict]], out: IO[str], errors: Sequence[InputError] = ()) -> None:
    """One JSON array, written record by record."""
    out.write("[")
    for i, record in enumerate(records(results, errors)):
        out.write(",\n" if i else "\n")
        out.write(_dumps(record, indent=None))
    out.write("\n]\n")


def write_jsonl(results: Sequence[tuple[Shipment, Verdict]], out: IO[str], errors: Sequence[InputError] = ()) -> None:
    """One JSON object per line."""
    for record in records(results, errors):
        out.write(_dumps(record) + "\n")
