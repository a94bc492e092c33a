"""A raw shipment (dict from JSON or CSV) → a validated ``Shipment``, or located errors.

The model checks types and shapes; the checks here are the ones that need the reference
tables: ISO country codes that exist, UN/LOCODEs, IMO check digits, HS codes that can exist.
Every problem is reported, not only the first, each with the field (or CSV column) it is in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from uavscreen.errors import InputError, UserError
from uavscreen.geo.countries import check_country
from uavscreen.geo.ports import normalise_locode
from uavscreen.geo.vessels import normalise_imo
from uavscreen.goods.hs import parse_hs
from uavscreen.model import Shipment

ColumnOf = Callable[[str], str]


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def reference_problems(s: Shipment) -> list[tuple[str, str]]:
    """(field path, reason) for every value the reference tables reject."""
    problems: list[tuple[str, str]] = []

    def check(path: str, fn: Callable[[str], object], value: str | None) -> None:
        if value:
            try:
                fn(value)
            except UserError as exc:
                problems.append((path, str(exc)))

    for i, p in enumerate(s.parties):
        check(f"parties[{i}].country", check_country, p.country)
    for i, it in enumerate(s.items):
        check(f"items[{i}].origin_country", check_country, it.origin_country)
        check(f"items[{i}].hs_code", parse_hs, it.hs_code)
    for i, leg in enumerate(s.route):
        check(f"route[{i}].from", normalise_locode, leg.from_)
        check(f"route[{i}].to", normalise_locode, leg.to)
        check(f"route[{i}].vessel_imo", normalise_imo, leg.vessel_imo)
    if s.payment:
        check("payment.payer_country", check_country, s.payment.payer_country)
    if not s.parties:
        problems.append(("parties", "a shipment needs at least one party"))
    if not s.items:
        problems.append(("items", "a shipment needs at least one item"))
    return problems


def validate(raw: Any, file: str, location: str,
             column_of: ColumnOf | None = None) -> tuple[Shipment | None, list[InputError]]:
    """Validate one raw shipment; ``column_of`` maps a field path to the file's column name."""
    col = column_of or (lambda path: path)
    if not isinstance(raw, dict):
        return None, [InputError(file, location, f"a shipment must be a JSON object, got {type(raw).__name__}")]
    if isinstance(raw.get("shipment"), dict) and "parties" not in raw:
        raw = raw["shipment"]  # a labelled case ({"id", "shipment", "expect"}) of the evaluation kit
    try:
        shipment = Shipment.model_validate(raw)
    except ValidationError as exc:
        errors = []
        for e in exc.errors():
            path = _path(tuple(e["loc"]))
            errors.append(InputError(file, f"{location}, column {col(path)}" if path else location, e["msg"]))
        return None, errors
    problems = reference_problems(shipment)
    if problems:
        return None, [InputError(file, f"{location}, column {col(path)}", reason) for path, reason in problems]
    return shipment, []
