"""One input record of a batch: validation and screening, shared by every engine.

Input columns (documented in ``docs/batch.md``): ``id, name, schema, country, birth_date,
identifiers``; only ``name`` is required.  A record that cannot be screened (no name, bad
encoding, an unknown schema, an impossible date…) becomes a :class:`Reject` carrying its row
and the reason — it never stops the batch and is never silently dropped.

Local and Spark engines both call :func:`screen_raw` on the same raw fields, so the same input
gives the same hits whichever engine ran it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson

from uavscreen.errors import UserError
from uavscreen.geo.countries import check_country
from uavscreen.screener import Screener

INPUT_COLUMNS = ("id", "name", "schema", "country", "birth_date", "identifiers")
OUTPUT_COLUMNS = ("input_id", "entity_id", "score", "match", "matched_name", "explanation")
REJECT_COLUMNS = ("row", "location", "input_id", "reason")

MAX_NAME_LENGTH = 500
#: Hits asked of the matcher per record; every one above threshold is written.
HIT_LIMIT = 50
_SCHEMAS = {s.lower(): s for s in ("Person", "Company", "Organization", "LegalEntity", "Vessel", "Aircraft")}
_ANY_SCHEMA = {"", "any", "thing"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_LIST_SEP = re.compile(r"[;,|\s]+")


@dataclass(slots=True, frozen=True)
class RawRecord:
    """Fields of one input record as read, before validation.

    ``seq`` is the 0-based position among all records (the output order), ``location`` is
    where it is in the file (``line 12``, ``record 7``); ``error`` is set when the reader
    could not even get the fields (bad encoding, wrong field count)."""

    seq: int
    location: str
    fields: Mapping[str, Any]
    error: str | None = None


@dataclass(slots=True, frozen=True)
class InputRecord:
    """A validated record, ready for the matcher."""

    seq: int
    input_id: str
    name: str
    schema: str | None
    countries: tuple[str, ...]
    birth_date: str | None
    identifiers: tuple[tuple[str, str], ...]


@dataclass(slots=True, frozen=True)
class Reject:
    """A record that was not screened, and why."""

    seq: int
    location: str
    input_id: str
    reason: str

    def to_row(self) -> dict[str, Any]:
        return {"row": self.seq + 1, "location": self.location, "input_id": self.input_id,
                "reason": self.reason}


def _text(value: Any, column: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"column {column!r}: invalid UTF-8 byte at position {exc.start}") from None
    return str(value).strip()


def _items(value: Any, column: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [t for v in value if (t := _text(v, column))]
    return [t for t in _LIST_SEP.split(_text(value, column)) if t]


def _schema(value: Any) -> str | None:
    text = _text(value, "schema").lower()
    if text in _ANY_SCHEMA:
        return None
    if text not in _SCHEMAS:
        raise ValueError(f"column 'schema': unknown schema {text!r} "
                         f"(expected one of {', '.join(sorted(_SCHEMAS.values()))} or Any)")
    return _SCHEMAS[text]


def _countries(value: Any) -> tuple[str, ...]:
    out: list[str] = []
    for code in _items(value, "country"):
        try:
            out.append(check_country(code))
        except UserError as exc:
            raise ValueError(f"column 'country': {exc}") from None
    return tuple(dict.fromkeys(out))


def _birth_date(value: Any) -> str | None:
    if isinstance(value, date):
        return value.isoformat()
    text = _text(value, "birth_date")
    if not text:
        return None
    m = _DATE.match(text)
    try:
        if not m:
            raise ValueError
        date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        raise ValueError(f"column 'birth_date': {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return text


def _identifier(item: Any) -> tuple[str, str]:
    if isinstance(item, Mapping):
        kind, value = _text(item.get("type"), "identifiers"), _text(item.get("value"), "identifiers")
    else:
        text = _text(item, "identifiers")
        kind, sep, value = text.partition(":")
        if not sep:
            kind, value = "other", text
    if not value.strip():
        raise ValueError(f"column 'identifiers': {kind!r} has no value (expected type:value)")
    return (kind.strip().lower() or "other", value.strip())


def _identifiers(value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: Sequence[Any] = [t for t in (p.strip() for p in value.split(";")) if t]
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        raise ValueError("column 'identifiers': expected 'type:value;type:value' or a list")
    return tuple(_identifier(i) for i in items)


def parse_record(raw: RawRecord) -> InputRecord | Reject:
    """Validate one record; every problem becomes a :class:`Reject` with its reason."""
    f = raw.fields
    try:
        input_id = _text(f.get("id"), "id")
    except ValueError:
        input_id = ""
    input_id = input_id or f"row-{raw.seq + 1}"
    if raw.error:
        return Reject(raw.seq, raw.location, input_id, raw.error)
    try:
        name = _text(f.get("name"), "name")
        if not name or not any(ch.isalnum() for ch in name):
            raise ValueError("column 'name': missing name")
        if len(name) > MAX_NAME_LENGTH:
            raise ValueError(f"column 'name': longer than {MAX_NAME_LENGTH} characters")
        return InputRecord(raw.seq, input_id, " ".join(name.split()), _schema(f.get("schema")),
                           _countries(f.get("country")), _birth_date(f.get("birth_date")),
                           _identifiers(f.get("identifiers")))
    except ValueError as exc:
        return Reject(raw.seq, raw.location, input_id, str(exc))


def screen_record(screener: Screener, rec: InputRecord) -> list[dict[str, Any]]:
    """Output rows (``OUTPUT_COLUMNS`` plus ``seq``) for every hit at or above threshold."""
    hits = screener.match_party(
        rec.name, schema=rec.schema, countries=list(rec.countries), birth_date=rec.birth_date,
        identifiers=[{"type": t, "value": v} for t, v in rec.identifiers], limit=HIT_LIMIT,
    )
    rows: list[dict[str, Any]] = [
        {"seq": rec.seq, "input_id": rec.input_id, "entity_id": h.entity.id, "score": round(h.score, 4),
         "match": True, "matched_name": h.matched_name,
         "explanation": orjson.dumps(h.explanation, option=orjson.OPT_SORT_KEYS).decode()}
        for h in hits if h.match
    ]
    rows.sort(key=lambda r: (-float(r["score"]), str(r["entity_id"])))  # the order every engine writes
    return rows


def screen_raw(screener: Screener, raw: RawRecord) -> tuple[list[dict[str, Any]], Reject | None]:
    """Validate and screen one raw record: its hit rows, or its reject."""
    rec = parse_record(raw)
    if isinstance(rec, Reject):
        return [], rec
    return screen_record(screener, rec), None
