"""Small builders the list loaders share: names, dates, de-duplicated values.

Lists repeat themselves (the UK ConList has one row per name × address × regime, the EU
file repeats a name per language), so every loader adds through these helpers, which
drop exact duplicates but never a distinct value.
"""

from __future__ import annotations

import re
from typing import TypeVar

from rigour.langs import iso_639_alpha3

from uavscreen.geo.country_names import country_code
from uavscreen.model import Address, BirthDate, Entity, Name, NameKind
from uavscreen.names.script import detect_script

T = TypeVar("T")
_SPACES = re.compile(r"\s+")
_DMY = re.compile(r"^(\d{1,2}|dd|00)/(\d{1,2}|mm|00)/(\d{4})$", re.IGNORECASE)
_MY = re.compile(r"^(\d{1,2}|mm|00)/(\d{4})$", re.IGNORECASE)
_Y = re.compile(r"^(\d{4})$")


def clean(value: object) -> str | None:
    """Whitespace-collapsed text, None when empty."""
    if value is None:
        return None
    text = _SPACES.sub(" ", str(value)).strip()
    return text or None


def add_unique(values: list[T], value: T | None) -> None:
    if value is not None and value not in values:
        values.append(value)


def add_property(entity: Entity, key: str, value: object) -> None:
    """Keep a field the typed attributes do not cover (``Entity.properties``)."""
    text = clean(value)
    if text is not None:
        add_unique(entity.properties.setdefault(key, []), text)


def language(value: str | None) -> str | None:
    """ISO 639-3 code for a language as lists write it ("Persian", "RU", "bg")."""
    text = clean(value)
    if text is None:
        return None
    return iso_639_alpha3(text) or iso_639_alpha3(text.split(";")[0])


def add_name(
    entity: Entity,
    value: str | None,
    kind: NameKind,
    *,
    lang: str | None = None,
    parts: dict[str, str] | None = None,
) -> Name | None:
    """Add a name unless the same spelling with the same kind is already there."""
    text = clean(value)
    if text is None:
        return None
    for existing in entity.names:
        if existing.value == text and existing.kind is kind:
            return existing
    name = Name(text, kind, detect_script(text), lang, parts or None)
    entity.names.append(name)
    return name


def add_country(entity: Entity, target: list[str], raw: str | None, raw_key: str) -> None:
    """Resolve ``raw`` to ISO alpha-2 into ``target``; keep unresolvable text under
    ``properties[raw_key]`` so it is never lost."""
    text = clean(raw)
    if text is None:
        return
    code = country_code(text)
    if code is None:
        add_property(entity, raw_key, text)
    else:
        add_unique(target, code)


def add_address(
    entity: Entity,
    street_lines: list[str],
    city: str | None,
    region: str | None,
    postal_code: str | None,
    country_text: str | None,
    note: str | None = None,
) -> None:
    """Add an address from a list's parts (the country as the list spells it, resolved to
    ISO and also added to ``entity.countries``); ``note`` ("as of 2016") ends the full text."""
    street = ", ".join(street_lines) or None
    full = ", ".join(v for v in (street, city, region, postal_code, country_text) if v)
    if note:
        full = f"{full} ({note})" if full else note
    if not full:
        return
    codes: list[str] = []
    add_country(entity, codes, country_text, "address_country")
    country = codes[0] if codes else None
    add_unique(entity.addresses, Address(full, street, city, region, postal_code, country))
    add_unique(entity.countries, country)


def day_month_year(value: str | None) -> BirthDate | None:
    """A UK-style date (``dd/mm/yyyy``, ``00`` or ``dd``/``mm`` for unknown parts,
    ``mm/yyyy`` or ``yyyy``) as a BirthDate as precise as given, or None if unparseable."""
    text = clean(value)
    if text is None:
        return None
    day = month = None
    if m := _DMY.match(text):
        day, month, year = m.group(1), m.group(2), m.group(3)
    elif m := _MY.match(text):
        month, year = m.group(1), m.group(2)
    elif m := _Y.match(text):
        year = m.group(1)
    else:
        return None
    if int(year) == 0:
        return None
    iso = year
    if month is not None and month.isdigit() and int(month) > 0:
        if int(month) > 12:
            return None
        iso += f"-{int(month):02d}"
        if day is not None and day.isdigit() and int(day) > 0:
            if int(day) > 31:
                return None
            iso += f"-{int(day):02d}"
    return BirthDate(iso, original=text if iso != text else None)


def iso_from_dmy(value: str | None) -> str | None:
    """``14/04/2025`` → ``2025-04-14`` (only full dates; None otherwise)."""
    date = day_month_year(value)
    if date is None or date.precision != "day":
        return None
    return date.value
