"""Where a UN/LOCODE is on the map.

A port's own coordinates come from the ports table of ``uavscreen.geo.ports``; a valid code
the table has no coordinates for is placed at its country's centroid (the LOCODE's first
two letters are the ISO country), marked as approximate so the map can say so.  A malformed
code is not placed at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from uavscreen.geo.ports import InvalidLocode, lookup
from uavscreen.report.geoshapes import country_centroid


@dataclass(frozen=True, slots=True)
class Place:
    """A located route end.  ``exact`` is False when only the country is known."""

    locode: str
    lon: float
    lat: float
    name: str | None
    exact: bool


def locate(code: str | None) -> Place | None:
    """The position of a route end, or None when neither the port nor its country is known."""
    if not code:
        return None
    try:
        port = lookup(code)
    except InvalidLocode:
        return None
    name = port.name if port.known else None
    if port.lat is not None and port.lon is not None:
        return Place(port.unlocode, port.lon, port.lat, name, exact=True)
    centroid = country_centroid(port.country)
    if centroid is None:
        return None
    return Place(port.unlocode, centroid[0], centroid[1], name, exact=False)
