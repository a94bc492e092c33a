"""Country outlines for the offline route maps (Natural Earth 1:110m, bundled).

The report must draw maps with no network, so the outlines ship in
``data/geo/countries-110m.json.gz`` (built once by ``tools/build_map_data.py``).  The file
is checked against its sha256 in ``data/geo/MANIFEST.json`` before use and parsed once per
process.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from uavscreen.data import verified_bytes

SHAPES_FILE = "countries-110m.json.gz"

Point = tuple[float, float]
"""(longitude, latitude) in decimal degrees; longitudes may run past ±180 where a ring
crosses the antimeridian, so that it stays continuous."""


@dataclass(frozen=True, slots=True)
class CountryShape:
    """One Natural Earth admin-0 country: ``iso2`` is None for the few features with no
    ISO code (N. Cyprus, Somaliland); ``centroid`` is that of the mainland polygon."""

    iso2: str | None
    name: str
    centroid: Point
    bbox: tuple[float, float, float, float]  # west, south, east, north
    rings: tuple[tuple[Point, ...], ...]


@cache
def _data() -> dict[str, Any]:
    return json.loads(gzip.decompress(verified_bytes("geo", SHAPES_FILE)))  # type: ignore[no-any-return]


@cache
def country_shapes() -> tuple[CountryShape, ...]:
    """Every country outline of the bundled file."""
    return tuple(
        CountryShape(
            iso2=c["iso2"],
            name=c["name"],
            centroid=(c["centroid"][0], c["centroid"][1]),
            bbox=(c["bbox"][0], c["bbox"][1], c["bbox"][2], c["bbox"][3]),
            rings=tuple(tuple((p[0], p[1]) for p in ring) for ring in c["rings"]),
        )
        for c in _data()["countries"]
    )


@cache
def _by_iso2() -> dict[str, CountryShape]:
    return {c.iso2: c for c in country_shapes() if c.iso2}


def country_shape(iso2: str) -> CountryShape | None:
    """The outline of the country with ISO 3166-1 alpha-2 code ``iso2`` (case-insensitive),
    or None for codes Natural Earth 1:110m does not draw (small islands, city states)."""
    return _by_iso2().get(iso2.upper())


def country_centroid(iso2: str) -> Point | None:
    """The mainland centroid of a country, including the small states (Hong Kong,
    Singapore, Bahrain…) that have no outline at 1:110m; None for unknown codes."""
    point = _data()["centroids"].get(iso2.upper())
    return (point[0], point[1]) if point else None
