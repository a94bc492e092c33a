"""The Caspian corridor: Iran's sea route for UAVs and munitions to Russia.

US and EU statements name the route Amirabad / Bandar Anzali / Nowshahr → Makhachkala /
Astrakhan / Olya.  A shipment is on the corridor when one of its legs joins an Iranian and a
Russian Caspian port (either way), or when its route reaches a Russian Caspian port with goods
of Iranian origin.  A Caspian crossing that does not join Iran and Russia (Aktau–Baku,
Makhachkala–Turkmenbashi) is not the corridor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from uavscreen.geo.ports import Port, port_or_none


@dataclass(frozen=True, slots=True)
class CorridorHit:
    """Why a shipment is on the corridor: the leg (index) and its two ports, and how."""

    leg: int
    origin: Port
    destination: Port
    reason: str


def caspian_corridor(legs: Sequence[tuple[str | None, str | None]],
                     origin_countries: Sequence[str | None] = ()) -> list[CorridorHit]:
    """Corridor hits for route ``legs`` (``(from, to)`` UN/LOCODEs) and item origin countries."""
    hits: list[CorridorHit] = []
    iranian_goods = "IR" in {c for c in origin_countries if c}
    for i, (a, b) in enumerate(legs):
        pa, pb = port_or_none(a), port_or_none(b)
        if pa is None or pb is None:
            continue
        if pa.caspian and pb.caspian and {pa.country, pb.country} == {"IR", "RU"}:
            hits.append(CorridorHit(i, pa, pb, f"Caspian sea leg {pa.name} ({pa.unlocode}) → "
                                             f"{pb.name} ({pb.unlocode}) joins Iran and Russia"))
        elif iranian_goods and pb.caspian and pb.country == "RU":
            hits.append(CorridorHit(i, pa, pb, f"route reaches the Russian Caspian port {pb.name} "
                                             f"({pb.unlocode}) with goods of Iranian origin"))
    return hits
