"""Vessels by IMO number: check-digit validation and lookup among listed vessels.

An IMO ship identification number is seven digits whose last is a check digit: the first six
weighted 7, 6, 5, 4, 3, 2, summed, modulo 10.  A number that fails the check is a typo or a
fabrication and is reported as such rather than silently not matching.  Listed vessels are
found by the IMO numbers their records carry (an ``imo`` identifier, or "IMO 1234567" in any
field, as OFAC's remarks write it), indexed once per loaded dataset.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from uavscreen.errors import UserError
from uavscreen.model import Entity

_IMO_TEXT = re.compile(r"\bIMO(?:\s*(?:number|no\.?|#))?[\s:.]*([0-9]{7})\b", re.IGNORECASE)
_DIGITS = re.compile(r"^(?:IMO\s*)?([0-9]{7})$", re.IGNORECASE)


class InvalidIMO(UserError):
    """Not a valid IMO ship identification number."""


def imo_check_digit(first_six: str) -> int:
    """The check digit of an IMO number from its first six digits."""
    return sum(int(d) * w for d, w in zip(first_six, range(7, 1, -1), strict=True)) % 10


def is_valid_imo(value: str) -> bool:
    """True when ``value`` (``"9465746"`` or ``"IMO 9465746"``) has a correct check digit."""
    m = _DIGITS.match(value.strip())
    if m is None:
        return False
    return imo_check_digit(m.group(1)[:6]) == int(m.group(1)[6])


def normalise_imo(value: str) -> str:
    """The seven digits of a valid IMO number, else :class:`InvalidIMO` saying why."""
    m = _DIGITS.match(str(value).strip())
    if not m:
        raise InvalidIMO(f"IMO number {value!r} must be 7 digits")
    digits = m.group(1)
    expected = imo_check_digit(digits[:6])
    if expected != int(digits[6]):
        raise InvalidIMO(f"IMO number {value!r} fails its check digit (expected {expected}, got {digits[6]})")
    return digits


def imo_numbers(entity: Entity) -> set[str]:
    """Every IMO number an entity's record carries."""
    found = {i.value.strip() for i in entity.identifiers if i.type == "imo"}
    texts: list[str] = [i.value for i in entity.identifiers if i.type in ("other", "registration")]
    if entity.remarks:
        texts.append(entity.remarks)
    for values in entity.properties.values():
        texts.extend(values)
    for t in texts:
        found.update(_IMO_TEXT.findall(t))
    return {f for f in found if len(f) == 7 and f.isdigit()}


class VesselIndex:
    """IMO number → listed entities carrying it (vessels, and owners whose records cite it)."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._by_imo: dict[str, list[Entity]] = {}
        for e in entities:
            if e.schema != "Vessel" and not any(i.type == "imo" for i in e.identifiers):
                continue
            for imo in imo_numbers(e):
                self._by_imo.setdefault(imo, []).append(e)

    def __len__(self) -> int:
        return len(self._by_imo)

    def lookup(self, imo: str) -> list[Entity]:
        """Listed vessels with this IMO number (``imo`` must already be normalised)."""
        return list(self._by_imo.get(imo, ()))


_INDEXES: dict[int, tuple[Any, VesselIndex]] = {}
_MAX_INDEXES = 4


def vessel_index(dataset: Any) -> VesselIndex:
    """The vessel index of a loaded dataset, built on first use and kept while the dataset is
    one of the few most recently screened (datasets are slotted, so no weak references)."""
    cached = _INDEXES.get(id(dataset))
    if cached is not None and cached[0] is dataset:
        return cached[1]
    idx = VesselIndex(dataset.entities)
    if len(_INDEXES) >= _MAX_INDEXES:
        _INDEXES.pop(next(iter(_INDEXES)))
    _INDEXES[id(dataset)] = (dataset, idx)
    return idx
