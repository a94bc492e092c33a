"""Which route legs a report highlights, and why.

The screening names a Caspian-corridor leg, or an embargoed destination, in a finding's
words (subject, evidence, details), not by a structured pointer, so the report finds the
leg whose two UN/LOCODEs the finding mentions (or, failing that, its destination).  Legs
into a comprehensively embargoed country are coloured too, from the bundled
jurisdictions table, even when no finding names them.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from functools import cache

from uavscreen.data import control_table
from uavscreen.model import Finding, Leg


class LegStyle(StrEnum):
    """How a leg is drawn; the value is the CSS class suffix (``leg-caspian`` …)."""

    NORMAL = "normal"
    EMBARGOED = "embargoed"
    CASPIAN = "caspian"


HIGHLIGHTING_KINDS = {
    "caspian_corridor": LegStyle.CASPIAN,
    "embargoed_destination": LegStyle.EMBARGOED,
    "sanctioned_region": LegStyle.EMBARGOED,
}
"""Finding kinds that colour the legs they name."""

_PRECEDENCE = (LegStyle.NORMAL, LegStyle.EMBARGOED, LegStyle.CASPIAN)


def locode(code: str | None) -> str:
    """A UN/LOCODE as written on the route, normalised ('AE JEA' → 'AEJEA'); '' if none."""
    return (code or "").replace(" ", "").strip().upper()


@cache
def embargoed_countries() -> frozenset[str]:
    """ISO alpha-2 codes of countries under a comprehensive embargo (jurisdictions table)."""
    table = control_table("jurisdictions")
    return frozenset(
        j["code"] for j in table["jurisdictions"]
        if len(j["code"]) == 2 and "comprehensive_embargo" in j.get("categories", [])
    )


def _finding_text(finding: Finding) -> str:
    return " ".join([finding.subject, finding.evidence, *(str(v) for v in finding.details.values())]).upper()


def legs_named(finding: Finding, route: Sequence[Leg]) -> list[int]:
    """Indexes (0-based) of the legs a finding is about: both ends mentioned, else the
    legs whose destination it mentions."""
    text = _finding_text(finding)
    ends = [(locode(leg.from_), locode(leg.to)) for leg in route]
    both = [i for i, (a, b) in enumerate(ends) if a and b and a in text and b in text]
    return both or [i for i, (_, b) in enumerate(ends) if b and b in text]


def leg_styles(route: Sequence[Leg], findings: Sequence[Finding]) -> list[LegStyle]:
    """The style of every leg of ``route``: Caspian corridor over embargoed over normal."""
    styles = [
        LegStyle.EMBARGOED if locode(leg.to)[:2] in embargoed_countries() else LegStyle.NORMAL
        for leg in route
    ]
    for finding in findings:
        style = HIGHLIGHTING_KINDS.get(finding.kind)
        if style is None:
            continue
        for i in legs_named(finding, route):
            styles[i] = max(styles[i], style, key=_PRECEDENCE.index)
    return styles
