"""Re-screening stored counterparties after a list update, against the delta only.

The store keeps the fingerprint of every listed entry as of the last update.  After an
update, the entries that are new or whose fingerprint changed form the *delta*; every
stored counterparty is matched against a screener built over the delta alone (cheap: the
delta is small), and each party with a match gets a recorded ``rescreen`` screening and a
case — unless an analyst already cleared that party against that unchanged entry.

The list updater calls :func:`rescreen_after_update` after installing new snapshots;
``uavscreen lists rescreen`` and ``POST /lists/rescreen`` trigger it by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from sqlalchemy import delete, insert, select

from uavscreen.model import Entity
from uavscreen.screener import Screener
from uavscreen.sources.base import Dataset
from uavscreen.store import audit
from uavscreen.store.db import Store, open_store
from uavscreen.store.drafts import hit_alert, matcher_version
from uavscreen.store.fingerprint import PartyQuery, entity_fingerprint
from uavscreen.store.models import Counterparty, ListEntry
from uavscreen.store.partymatch import match_query
from uavscreen.store.screenings import ScreeningDraft, record

BATCH = 500


@dataclass
class RescreenReport:
    baseline: bool = False
    entries: int = 0
    new: int = 0
    changed: int = 0
    removed: int = 0
    counterparties: int = 0
    hits: int = 0
    cases: list[int] = field(default_factory=list)
    suppressed: int = 0
    lists: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def rescreen_after_update(
    screener: Screener,
    previous: Dataset | Iterable[Entity] | None = None,
    *,
    store: Store | None = None,
    actor: str = "lists.update",
    limit: int = 5,
) -> RescreenReport:
    """Screen every stored counterparty against the entries of ``screener`` that are new
    or changed since ``previous`` (default: since the fingerprints stored at the last
    update).  With no baseline at all, only the baseline is recorded."""
    store = store or open_store()
    current = {e.id: (entity_fingerprint(e), e) for e in screener.entities()}
    report = RescreenReport(entries=len(current), lists=dict(screener.lists))
    if previous is not None:
        prev_entities = previous.entities if isinstance(previous, Dataset) else previous
        baseline = {e.id: entity_fingerprint(e) for e in prev_entities}
    else:
        with store.read() as s:
            baseline = {eid: fp for eid, fp in s.execute(select(ListEntry.entity_id, ListEntry.fingerprint))}
    if not baseline and previous is None:
        report.baseline = True
        _save_baseline(store, screener, current, report, actor)
        return report

    delta: list[Entity] = []
    for eid, (fp, entity) in current.items():
        old = baseline.get(eid)
        if old is None:
            report.new += 1
            delta.append(entity)
        elif old != fp:
            report.changed += 1
            delta.append(entity)
    report.removed = len(set(baseline) - set(current))

    if delta:
        _rescreen(store, screener, delta, report, actor, limit)
    _save_baseline(store, screener, current, report, actor)
    return report


def _rescreen(store: Store, screener: Screener, delta: list[Entity], report: RescreenReport,
              actor: str, limit: int) -> None:
    sub = Screener(Dataset(entities=delta, snapshots=list(screener.dataset.snapshots)))
    version = matcher_version()
    last_id = 0
    while True:
        with store.read() as s:
            rows = s.scalars(select(Counterparty).where(Counterparty.id > last_id)
                             .order_by(Counterparty.id).limit(BATCH)).all()
        if not rows:
            return
        last_id = rows[-1].id
        for row in rows:
            report.counterparties += 1
            party = PartyQuery.from_dict(row.query)
            hits = [h for h in match_query(sub, party, limit=limit) if h.match]
            if not hits:
                continue
            report.hits += len(hits)
            draft = ScreeningDraft(
                kind="rescreen", actor=actor, request=party.to_dict(),
                result={"hits": [h.to_dict() for h in hits]}, lists=dict(screener.lists),
                matcher_version=version, policy="rescreen:delta", decision="REVIEW",
                subject=party.name, parties=[party], alerts=[hit_alert(party, h) for h in hits])
            with store.session() as s:
                rec = record(s, draft)
            report.suppressed += rec.suppressed
            if rec.case_id is not None:
                report.cases.append(rec.case_id)


def _save_baseline(store: Store, screener: Screener, current: dict[str, tuple[str, Entity]],
                   report: RescreenReport, actor: str) -> None:
    """Replace the stored fingerprints and log the update, in one transaction."""
    versions = screener.lists
    rows = [{"entity_id": eid, "fingerprint": fp, "source": e.source[:40],
             "version": versions.get(e.source, "")[:40]} for eid, (fp, e) in current.items()]
    with store.session() as s:
        s.execute(delete(ListEntry))
        for i in range(0, len(rows), 5000):
            s.execute(insert(ListEntry), rows[i:i + 5000])
        summary = report.to_dict()
        summary["cases"] = len(report.cases)
        audit.append(s, actor, "lists.baseline" if report.baseline else "lists.rescreen",
                     "lists", summary)
