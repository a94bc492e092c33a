"""A shipment's route as an offline SVG map: geometry only, drawn by the HTML template.

Projection: equirectangular with its standard parallel at the middle of the view, which
keeps shapes recognisable at the regional scales routes have, cropped to the route's
bounding box with a margin.  Longitudes are unwrapped along the route, so a trans-Pacific
leg goes the short way across the antimeridian and countries are drawn shifted by ±360°
where the view needs them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from uavscreen.model import Leg
from uavscreen.report.clip import clip_ring
from uavscreen.report.geoshapes import CountryShape, Point, country_shapes
from uavscreen.report.legs import LegStyle, is_embargoed, locode
from uavscreen.report.positions import Place, locate

WIDTH = 640.0
MIN_SPAN_DEG = 8.0
MARGIN = 0.25  # of the route's span, on every side
ASPECT = (1.25, 2.2)  # allowed width / height
MAX_LAT = 84.0
CLIP_MARGIN = 20.0  # px drawn beyond the view, so clipping artefacts stay out of sight
LABEL_CLEARANCE = 14.0  # px between stacked labels of ports drawn at the same spot


@dataclass(frozen=True, slots=True)
class MapCountry:
    iso2: str | None
    name: str
    d: str  # SVG path data
    embargoed: bool


@dataclass(frozen=True, slots=True)
class MapPort:
    locode: str
    name: str | None
    exact: bool
    x: float
    y: float
    label_dy: float


@dataclass(frozen=True, slots=True)
class MapLeg:
    number: int  # 1-based, as in the route table
    start: str
    end: str
    mode: str | None
    style: LegStyle
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True, slots=True)
class RouteMap:
    """Everything the template needs to draw one route; ``unplaced`` are route ends with
    no known position (listed under the map so nothing disappears silently)."""

    width: float
    height: float
    bounds: tuple[float, float, float, float]  # west, south, east, north (unwrapped lon)
    countries: tuple[MapCountry, ...]
    legs: tuple[MapLeg, ...]
    ports: tuple[MapPort, ...]
    unplaced: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _View:
    west: float
    south: float
    east: float
    north: float
    scale: float  # px per degree of latitude
    coslat: float

    def xy(self, lon: float, lat: float) -> Point:
        return (lon - self.west) * self.scale * self.coslat, (self.north - lat) * self.scale


def _unwrap_lon(lon: float, near: float) -> float:
    """``lon`` ± 360° so that it lies within 180° of ``near``."""
    return lon - 360.0 * round((lon - near) / 360.0)


def _place_route(route: Sequence[Leg]) -> tuple[dict[str, Place], list[str]]:
    """Every route end located, longitudes unwrapped along the route."""
    placed: dict[str, Place] = {}
    unplaced: list[str] = []
    for leg in route:
        start = placed.get(locode(leg.from_))
        for code in (locode(leg.from_), locode(leg.to)):
            if not code or code in placed or code in unplaced:
                continue
            place = locate(code)
            if place is None:
                unplaced.append(code)
                continue
            near = start.lon if start is not None else (next(iter(placed.values())).lon if placed else place.lon)
            place = Place(place.locode, _unwrap_lon(place.lon, near), place.lat, place.name, place.exact)
            placed[code] = place
            start = start or place
    return placed, unplaced


def _view(points: Sequence[Point]) -> _View:
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    lon_pad = max(MIN_SPAN_DEG - (east - west), 0) / 2 + MARGIN * (east - west)
    lat_pad = max(MIN_SPAN_DEG - (north - south), 0) / 2 + MARGIN * (north - south)
    west, east, south, north = west - lon_pad - 1, east + lon_pad + 1, south - lat_pad - 1, north + lat_pad + 1
    coslat = max(math.cos(math.radians((north + south) / 2)), 0.2)
    width, height = (east - west) * coslat, north - south
    if width / height < ASPECT[0]:  # too tall: widen
        extra = (ASPECT[0] * height - width) / coslat / 2
        west, east = west - extra, east + extra
    elif width / height > ASPECT[1]:  # too flat: heighten
        extra = (width / ASPECT[1] - height) / 2
        south, north = south - extra, north + extra
    south, north = max(south, -MAX_LAT), min(north, MAX_LAT)
    return _View(west, south, east, north, WIDTH / ((east - west) * coslat), coslat)


def _path(rings: Sequence[Sequence[Point]], view: _View, shift: float, width: float, height: float) -> str:
    """SVG path data of the rings, clipped to the view plus a margin, to the pixel (the
    outlines are 1:110m: finer coordinates would only make the report bigger)."""
    pad = CLIP_MARGIN
    parts = []
    for ring in rings:
        projected = [view.xy(lon + shift, lat) for lon, lat in ring]
        clipped = clip_ring(projected, -pad, -pad, width + pad, height + pad)
        points: list[tuple[int, int]] = []
        for x, y in clipped:
            point = (round(x), round(y))
            if not points or points[-1] != point:
                points.append(point)
        if len(points) >= 3:
            parts.append("M" + "L".join(f"{x} {y}" for x, y in points) + "Z")
    return "".join(parts)


@lru_cache(maxsize=256)
def _countries(view: _View) -> tuple[MapCountry, ...]:
    """The countries in ``view``; cached, as the routes of a batch repeat."""
    width, height = view.xy(view.east, view.south)
    out = []
    for shape in country_shapes():
        for shift in (-360.0, 0.0, 360.0):
            if _overlaps(shape, view, shift):
                d = _path(shape.rings, view, shift, width, height)
                if d:
                    out.append(MapCountry(shape.iso2, shape.name, d, is_embargoed(shape.iso2)))
    return tuple(out)


def _overlaps(shape: CountryShape, view: _View, shift: float) -> bool:
    west, south, east, north = shape.bbox
    return west + shift < view.east and east + shift > view.west and south < view.north and north > view.south


def route_map(route: Sequence[Leg], styles: Sequence[LegStyle]) -> RouteMap | None:
    """The map of ``route`` with each leg drawn in ``styles[i]``; None when no route end
    can be placed (no route, or only unknown codes)."""
    placed, unplaced = _place_route(route)
    if not placed:
        return None
    view = _view([(p.lon, p.lat) for p in placed.values()])
    ports: list[MapPort] = []
    for place in placed.values():
        x, y = view.xy(place.lon, place.lat)
        stacked = sum(1 for p in ports if abs(p.x - x) < 40 and abs(p.y + p.label_dy - y) < LABEL_CLEARANCE)
        ports.append(MapPort(place.locode, place.name, place.exact, x, y, stacked * LABEL_CLEARANCE))
    xy = {p.locode: (p.x, p.y) for p in ports}
    legs = []
    for number, (leg, style) in enumerate(zip(route, styles, strict=True), start=1):
        start, end = locode(leg.from_), locode(leg.to)
        if start in xy and end in xy:
            (x1, y1), (x2, y2) = xy[start], xy[end]
            legs.append(MapLeg(number, start, end, leg.mode, style, x1, y1, x2, y2))
    height = (view.north - view.south) * view.scale
    return RouteMap(WIDTH, round(height, 1), (view.west, view.south, view.east, view.north),
                    _countries(view), tuple(legs), tuple(ports), tuple(unplaced))
