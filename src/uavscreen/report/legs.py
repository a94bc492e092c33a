"""Which route legs a report highlights, and why.

The screening points at the leg a Caspian-corridor or embargoed-destination finding is
about with ``details["leg"]``; findings from elsewhere (older stored verdicts, other rule
sets) may only name it in their words, so the report also finds the leg whose two
UN/LOCODEs the finding mentions (or, failing that, its destination).  Legs
into a comprehensively embargoed country are coloured too, from the bundled
jurisdictions table, even when no finding names them.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from uavscreen.geo.countries import in_category
from uavscreen.geo.ports import InvalidLocode, normalise_locode
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


EMBARGO = "comprehensive_embargo"
"""The jurisdictions-table category whose countries are shaded and whose inbound legs are
coloured."""


def locode(code: str | None) -> str:
    """A route end as a UN/LOCODE ('AE JEA' → 'AEJEA'); a malformed one upper-cased as
    written (the map lists it as not drawn); '' if none."""
    if not code or not code.strip():
        return ""
    try:
        return normalise_locode(code)
    except InvalidLocode:
        return code.strip().upper()


def is_embargoed(country: str | None) -> bool:
    """True for a country under a comprehensive embargo (Iran, North Korea, Cuba …)."""
    return in_category(country, EMBARGO)


def _finding_text(finding: Finding) -> str:
    return " ".join([finding.subject, finding.evidence, *(str(v) for v in finding.details.values())]).upper()


def legs_named(finding: Finding, route: Sequence[Leg]) -> list[int]:
    """Indexes (0-based) of the legs a finding is about: the leg its ``details["leg"]``
    points at (0-based, as screening writes it), else the legs whose two ends it mentions,
    else those whose destination it mentions."""
    pointer = finding.details.get("leg")
    if isinstance(pointer, int) and not isinstance(pointer, bool) and 0 <= pointer < len(route):
        return [pointer]
    text = _finding_text(finding)
    ends = [(locode(leg.from_), locode(leg.to)) for leg in route]
    both = [i for i, (a, b) in enumerate(ends) if a and b and a in text and b in text]
    return both or [i for i, (_, b) in enumerate(ends) if b and b in text]


def leg_styles(route: Sequence[Leg], findings: Sequence[Finding]) -> list[LegStyle]:
    """The style of every leg of ``route``: Caspian corridor over embargoed over normal."""
    styles = [
        LegStyle.EMBARGOED if is_embargoed(locode(leg.to)[:2]) else LegStyle.NORMAL
        for leg in route
    ]
    for finding in findings:
        style = HIGHLIGHTING_KINDS.get(finding.kind)
        if style is None:
            continue
        for i in legs_named(finding, route):
            styles[i] = max(styles[i], style, key=_PRECEDENCE.index)
    return styles
