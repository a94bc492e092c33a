"""Countries (ISO 3166 via ``pycountry``) and the risk categories of each jurisdiction.

The categories come from the bundled ``jurisdictions`` control table (comprehensive embargo,
Russia/Belarus controls, transshipment risk, UAV procurement hub, Caspian littoral …); the
screening policy decides what each category means for a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pycountry

from uavscreen.data import control_table
from uavscreen.errors import UserError


class UnknownCountry(UserError):
    """A country code that is not an ISO 3166-1 alpha-2 code."""


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """A country or region code with its categories and the source that puts it there."""

    code: str
    name: str
    categories: frozenset[str] = field(default_factory=frozenset)
    notes: str = ""
    source: str = ""


def country_name(code: str) -> str:
    """The ISO 3166 short name of an alpha-2 code (``XK`` Kosovo kept as is)."""
    c = pycountry.countries.get(alpha_2=code.upper())
    return c.name if c is not None else code


def check_country(code: str) -> str:
    """``code`` upper-cased if it is an ISO 3166-1 alpha-2 country, else :class:`UnknownCountry`."""
    up = code.strip().upper()
    if pycountry.countries.get(alpha_2=up) is None and up != "XK":
        raise UnknownCountry(f"unknown country code {code!r} (expected ISO 3166-1 alpha-2, e.g. 'AE')")
    return up


@cache
def _jurisdictions() -> dict[str, Jurisdiction]:
    out: dict[str, Jurisdiction] = {}
    for row in control_table("jurisdictions")["jurisdictions"]:
        j = Jurisdiction(
            code=row["code"], name=row["name"], categories=frozenset(row.get("categories", [])),
            notes=row.get("notes", ""), source=row.get("source", ""),
        )
        out[j.code] = j
        for related in row.get("related_codes", []):
            out.setdefault(related, j)
    return out


def jurisdiction(code: str | None) -> Jurisdiction | None:
    """The listed jurisdiction for a country or ISO 3166-2 region code, if any."""
    if not code:
        return None
    return _jurisdictions().get(code.upper())


def categories(code: str | None) -> frozenset[str]:
    """The categories of ``code`` (empty when the jurisdiction is not listed)."""
    j = jurisdiction(code)
    return j.categories if j else frozenset()


def in_category(code: str | None, *names: str) -> bool:
    """True when ``code`` has any of the categories ``names``."""
    return bool(categories(code) & set(names))
