"""The self-contained HTML report: one file an analyst can mail, archive or open offline.

Everything is inline (CSS, SVG maps, a few lines of script to filter by decision), no
external resource is referenced, and all user text goes through Jinja2's autoescaping:
names and addresses on an order are attacker-controlled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import IO

from jinja2 import Environment, PackageLoader, StrictUndefined

from uavscreen.errors import InputError
from uavscreen.model import SEVERITIES, Finding, Shipment, Verdict
from uavscreen.report.legs import LegStyle, leg_styles
from uavscreen.report.routemap import RouteMap, route_map
from uavscreen.report.summary import Summary, summarise

TEMPLATE = "report.html.j2"


@dataclass(frozen=True, slots=True)
class ShipmentView:
    """One shipment's section: its data, its verdict and what the template derives."""

    number: int
    shipment: Shipment
    verdict: Verdict
    styles: tuple[LegStyle, ...]
    map: RouteMap | None
    top_severity: str | None

    @property
    def anchor(self) -> str:
        """An id that is safe whatever the shipment id contains."""
        return f"shipment-{self.number}"


def _top_severity(findings: Sequence[Finding]) -> str | None:
    known = [f.severity for f in findings if f.severity in SEVERITIES]
    return max(known, key=SEVERITIES.index) if known else None


def shipment_views(results: Sequence[tuple[Shipment, Verdict]]) -> Iterator[ShipmentView]:
    """Views built one at a time, so a long report never holds every map in memory."""
    for number, (shipment, verdict) in enumerate(results, start=1):
        styles = leg_styles(shipment.route, verdict.findings)
        yield ShipmentView(number, shipment, verdict, tuple(styles),
                           route_map(shipment.route, styles), _top_severity(verdict.findings))


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("uavscreen", "report/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = _number
    return env


def _context(
    results: Sequence[tuple[Shipment, Verdict]],
    errors: Sequence[InputError],
    generated_at: dt.datetime | None,
    title: str,
) -> dict[str, object]:
    summary: Summary = summarise(results)
    return {
        "title": title,
        "summary": summary,
        "generated_at": (generated_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M:%S %Z"),
        "shipments": shipment_views(results),
        "index": [(n, s, v) for n, (s, v) in enumerate(results, start=1)],
        "errors": errors,
        "severities": SEVERITIES,
        "LegStyle": LegStyle,
    }


def render_html(
    results: Sequence[tuple[Shipment, Verdict]],
    errors: Sequence[InputError] = (),
    *,
    generated_at: dt.datetime | None = None,
    title: str = "Shipment screening report",
) -> str:
    """The whole report as one HTML string."""
    return _environment().get_template(TEMPLATE).render(_context(results, errors, generated_at, title))


def write_html(
    results: Sequence[tuple[Shipment, Verdict]],
    out: IO[str],
    errors: Sequence[InputError] = (),
    *,
    generated_at: dt.datetime | None = None,
    title: str = "Shipment screening report",
) -> None:
    """The report streamed to ``out`` section by section (bounded memory on long batches)."""
    for chunk in _environment().get_template(TEMPLATE).generate(_context(results, errors, generated_at, title)):
        out.write(chunk)
