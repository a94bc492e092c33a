"""Group commit: many screenings recorded in one transaction (``record_many`` and the
service's ``GroupWriter``) must read exactly as if they had been recorded one by one:
ids in order, each screening's own case and alerts, suppressions honoured, and an audit
chain that verifies with each screening's event followed by its case's (SQLite and
PostgreSQL)."""

from __future__ import annotations

import asyncio
import threading

from sqlalchemy import select

from uavscreen.screener import Screener
from uavscreen.store import Store, audit
from uavscreen.store import cases as store_cases
from uavscreen.store.drafts import hit_alert
from uavscreen.store.fingerprint import PartyQuery
from uavscreen.store.models import Alert, AuditEvent, Case, Counterparty, Screening
from uavscreen.store.partymatch import match_query
from uavscreen.store.screenings import Recorded, ScreeningDraft, record, record_many
from uavscreen.store.writer import GroupWriter


def draft_for(screener: Screener, name: str, aliases: tuple[str, ...] = ()) -> ScreeningDraft:
    party = PartyQuery(name=name, schema="Organization", aliases=aliases)
    alerts = [hit_alert(party, h) for h in match_query(screener, party, limit=3) if h.match]
    return ScreeningDraft(kind="match", actor="test", request={"name": name}, result={"hits": len(alerts)},
                          lists=dict(screener.lists), matcher_version="test", policy="test",
                          decision="REVIEW" if alerts else "CLEAR", subject=name, parties=[party], alerts=alerts)


def test_record_many_reads_like_one_by_one(store: Store, screener: Screener, listed_company: str) -> None:
    hit = draft_for(screener, listed_company)
    clear = draft_for(screener, "Baltic Timber Trading GmbH")
    assert hit.alerts and not clear.alerts
    with store.session() as s:  # an analyst clears the listed company for this party
        first = record(s, hit)
    assert first.case_id is not None
    with store.session() as s:
        case = store_cases.get_case(s, first.case_id)
        for a in case.alerts:
            store_cases.decide(s, case.id, a.id, "false_positive", "another company", "analyst")

    other = draft_for(screener, listed_company, aliases=("Head Office",))  # another party
    assert other.alerts
    drafts = [clear, hit, other, clear]
    with store.session() as s:
        recorded = record_many(s, drafts)

    ids = [r.screening_id for r in recorded]
    assert ids == sorted(ids) and len(set(ids)) == 4 and ids[0] > first.screening_id
    assert recorded[0].case_id is None and recorded[3].case_id is None  # clear
    assert recorded[1].case_id is None and recorded[1].suppressed == len(hit.alerts)  # cleared before
    assert recorded[2].case_id is not None
    party_ids = {r.counterparties[clear.parties[0].key] for r in (recorded[0], recorded[3])}
    assert len(party_ids) == 1  # the same counterparty, stored once

    with store.read() as s:
        for r, d in zip(recorded, drafts, strict=True):
            row = s.get(Screening, r.screening_id)
            assert row is not None and row.request == d.request and row.decision == d.decision
        again = s.scalars(select(Counterparty).where(Counterparty.party_key == hit.parties[0].key)).one()
        batch_time = s.get(Screening, recorded[1].screening_id)
        assert batch_time is not None and again.last_screened == batch_time.created_at > again.first_seen
        case = s.get(Case, recorded[2].case_id)
        assert case is not None and case.screening_id == recorded[2].screening_id
        alerts = s.scalars(select(Alert).where(Alert.case_id == case.id)).all()
        assert {a.entity_id for a in alerts} == {a.entity_id for a in other.alerts}
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(5)).all()[::-1]
        assert [e.event for e in events] == ["screening.match"] * 3 + ["case.open", "screening.match"]
        assert [f'"screening_id":{r.screening_id}' in e.payload for r, e in
                zip(recorded, [events[0], events[1], events[2], events[4]], strict=True)] == [True] * 4
        assert f'"case_id":{recorded[2].case_id}' in events[3].payload
        assert audit.verify(s).ok


def test_group_writer_under_concurrent_submitters(store: Store, screener: Screener, listed_company: str) -> None:
    drafts = [draft_for(screener, n) for n in (listed_company, "Baltic Timber Trading GmbH")]
    writer = GroupWriter(store)
    results: list[tuple[int, Recorded]] = []
    lock = threading.Lock()

    def submit(t: int) -> None:
        for i in range(20):
            rec = writer.submit(drafts[(t + i) % 2])
            with lock:
                results.append(((t + i) % 2, rec))

    threads = [threading.Thread(target=submit, args=(t,)) for t in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    writer.close()
    assert len(results) == 120 and len({r.screening_id for _, r in results}) == 120
    hits = [r for kind, r in results if kind == 0]
    assert all(r.case_id is not None for r in hits) and len({r.case_id for r in hits}) == len(hits)
    assert all(r.case_id is None for kind, r in results if kind == 1)
    with store.read() as s:
        assert audit.verify(s).ok
        assert s.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) == 120 + len(hits)


def test_records_from_the_event_loop_share_commits(store: Store, screener: Screener, listed_company: str) -> None:
    drafts = [draft_for(screener, n) for n in (listed_company, "Baltic Timber Trading GmbH")]
    writer = GroupWriter(store)
    assert writer.inline is (store.dialect == "sqlite")

    async def run() -> list[Recorded]:
        return list(await asyncio.gather(*(writer.record(drafts[i % 2]) for i in range(30))))

    recorded = asyncio.run(run())
    writer.close()
    assert len({r.screening_id for r in recorded}) == 30
    assert all((r.case_id is not None) == (i % 2 == 0) for i, r in enumerate(recorded))
    with store.read() as s:
        assert audit.verify(s).ok
        stamps = s.scalars(select(Screening.created_at).where(
            Screening.id.in_([r.screening_id for r in recorded]))).all()
    if writer.inline:  # one turn of the loop queued all 30: one transaction, one timestamp
        assert len(set(stamps)) == 1


def test_service_commits_leave_checkpoints_to_the_background(sqlite_store: Store, screener: Screener) -> None:
    writer = GroupWriter(sqlite_store)
    checkpointer = writer._checkpointer
    assert checkpointer is not None
    checkpointer._stop.set()  # no background runs during the test: call it by hand
    checkpointer._thread.join(5)
    draft = draft_for(screener, "Baltic Timber Trading GmbH")
    for _ in range(300):  # well past SQLite's automatic 1,000-page checkpoint
        writer.submit(draft)
    with sqlite_store.session() as s:
        assert s.connection().exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    busy, pages, moved = checkpointer.checkpoint()
    assert busy == 0 and pages > 1000 and moved == pages  # the log held every commit until now
    writer.close()
    with sqlite_store.read() as s:
        assert audit.verify(s).ok and s.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) == 300
