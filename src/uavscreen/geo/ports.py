"""Ports, airports and inland hubs by UN/LOCODE, with coordinates for the route map.

Two bundled tables feed it: the shared ``caspian_ports`` (Iranian and Russian Caspian ports,
their roles and sources) and the product's own ``ports`` (Kazakh, Turkmen and Azerbaijani
Caspian ports, the transshipment hubs, Russian gateways, common trade ports).  A code that is
in neither still resolves to its country (the first two letters, checked with ``pycountry``),
without coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import pycountry

from uavscreen.data import control_table
from uavscreen.errors import UserError

_LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")


class InvalidLocode(UserError):
    """Not a UN/LOCODE (two-letter country + three letters/digits 2-9, no space)."""


@dataclass(frozen=True, slots=True)
class Port:
    """One UN/LOCODE location.  ``lat``/``lon`` are None when the product has no coordinates."""

    unlocode: str
    name: str
    country: str
    lat: float | None = None
    lon: float | None = None
    caspian: bool = False
    kind: str = "location"
    region: str | None = None
    designations: tuple[str, ...] = field(default_factory=tuple)
    source: str = ""
    known: bool = True


def normalise_locode(code: str) -> str:
    """``"AE JEA"``, ``"aejea"`` → ``"AEJEA"``; :class:`InvalidLocode` if it cannot be one."""
    c = re.sub(r"[\s\-]", "", code).upper()
    if not _LOCODE.match(c):
        raise InvalidLocode(f"{code!r} is not a UN/LOCODE (e.g. 'AEJEA')")
    if pycountry.countries.get(alpha_2=c[:2]) is None:
        raise InvalidLocode(f"{code!r}: {c[:2]!r} is not an ISO 3166-1 country code")
    return c


@cache
def _ports() -> dict[str, Port]:
    out: dict[str, Port] = {}
    for row in control_table("caspian_ports")["ports"]:
        code = row["unlocode"]
        out[code] = Port(code, row["name"], row["country"], row.get("lat"), row.get("lon"), caspian=True,
                         kind="seaport", source=row.get("source", ""))
    meta_source = control_table("ports")["_meta"].get("locode_source", "")
    for row in control_table("ports")["ports"]:
        code = row["unlocode"]
        base = out.get(code)
        out[code] = Port(
            code, row.get("name") or (base.name if base else code), row["country"],
            row.get("lat", base.lat if base else None), row.get("lon", base.lon if base else None),
            caspian=bool(row.get("caspian")) or bool(base and base.caspian),
            kind=row.get("kind", "location"), region=row.get("region"),
            designations=tuple(row.get("designations", [])),
            source=row.get("source") or (base.source if base else meta_source),
        )
    return out


def lookup(code: str) -> Port:
    """The port for ``code``; unknown but well-formed codes give a Port with ``known=False``."""
    c = normalise_locode(code)
    port = _ports().get(c)
    if port is not None:
        return port
    return Port(c, c, c[:2], known=False)


def port_or_none(code: str | None) -> Port | None:
    """The port for ``code``, or None when there is no code or it is not a UN/LOCODE (the
    readers report malformed codes; checks downstream simply have no port to reason about)."""
    if not code:
        return None
    try:
        return lookup(code)
    except InvalidLocode:
        return None


def coordinates(code: str) -> tuple[float, float] | None:
    """``(lat, lon)`` of a UN/LOCODE for the route map, or None when not known."""
    p = port_or_none(code)
    return (p.lat, p.lon) if p is not None and p.lat is not None and p.lon is not None else None


def caspian_ports(country: str | None = None) -> list[Port]:
    """Every known Caspian port, optionally of one country."""
    return [p for p in _ports().values() if p.caspian and (country is None or p.country == country)]
