"""The figures at the top of every report: decisions counted, list versions, policies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from uavscreen.model import Decision, Shipment, Verdict

DECISION_ORDER = (Decision.BLOCK, Decision.REVIEW, Decision.CLEAR)


@dataclass(frozen=True, slots=True)
class Summary:
    """``lists`` maps each source to every version any verdict was screened against (more
    than one when the lists were updated in the middle of a batch)."""

    total: int
    counts: dict[str, int]
    findings: int
    lists: dict[str, list[str]] = field(default_factory=dict)
    policies: list[str] = field(default_factory=list)


def summarise(results: Sequence[tuple[Shipment, Verdict]]) -> Summary:
    counts = Counter(verdict.decision.value for _, verdict in results)
    lists: dict[str, set[str]] = {}
    for _, verdict in results:
        for source, version in verdict.lists.items():
            lists.setdefault(source, set()).add(version)
    return Summary(
        total=len(results),
        counts={d.value: counts.get(d.value, 0) for d in DECISION_ORDER},
        findings=sum(len(verdict.findings) for _, verdict in results),
        lists={source: sorted(versions) for source, versions in sorted(lists.items())},
        policies=sorted({verdict.policy for _, verdict in results}),
    )
