"""Where a UN/LOCODE is on the map.

A port's own coordinates come from the ports table of ``uavscreen.geo.ports``; a code the
table does not know is placed at its country's centroid (the LOCODE's first two letters
are the ISO country), marked as approximate so the map can say so.
"""

from __future__ import annotations

from dataclasses import dataclass

from uavscreen.report.geoshapes import country_centroid
from uavscreen.report.legs import locode


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
    code = locode(code)
    if not code:
        return None
    centroid = country_centroid(code[:2])
    if centroid is None:
        return None
    return Place(code, centroid[0], centroid[1], None, exact=False)
