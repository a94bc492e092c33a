"""Clip polygon rings to a rectangle (Sutherland–Hodgman).

Why: a route map shows a small window on the world, but a country such as Russia would
otherwise bring every one of its points into each map.  Clipping to a rectangle a little
larger than the view keeps the visible part exact (the artefacts of clipping lie on the
rectangle's edges, outside the view) and the report small.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Point = tuple[float, float]


def _clip_edge(points: Sequence[Point], inside: Callable[[Point], bool],
               cross: Callable[[Point, Point], Point]) -> list[Point]:
    out: list[Point] = []
    if not points:
        return out
    prev = points[-1]
    prev_in = inside(prev)
    for point in points:
        point_in = inside(point)
        if point_in:
            if not prev_in:
                out.append(cross(prev, point))
            out.append(point)
        elif prev_in:
            out.append(cross(prev, point))
        prev, prev_in = point, point_in
    return out


def _at_x(x: float) -> Callable[[Point, Point], Point]:
    def cross(a: Point, b: Point) -> Point:
        t = (x - a[0]) / (b[0] - a[0])
        return x, a[1] + t * (b[1] - a[1])
    return cross


def _at_y(y: float) -> Callable[[Point, Point], Point]:
    def cross(a: Point, b: Point) -> Point:
        t = (y - a[1]) / (b[1] - a[1])
        return a[0] + t * (b[0] - a[0]), y
    return cross


def clip_ring(points: Sequence[Point], left: float, top: float, right: float, bottom: float) -> list[Point]:
    """The part of the closed ring ``points`` inside the rectangle (screen coordinates,
    ``top < bottom``); empty when the ring lies wholly outside."""
    ring = list(points)
    ring = _clip_edge(ring, lambda p: p[0] >= left, _at_x(left))
    ring = _clip_edge(ring, lambda p: p[0] <= right, _at_x(right))
    ring = _clip_edge(ring, lambda p: p[1] >= top, _at_y(top))
    return _clip_edge(ring, lambda p: p[1] <= bottom, _at_y(bottom))
