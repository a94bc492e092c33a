"""Recording a screening: the request, the result, the lists and matcher and policy it
used, the counterparties it named, and the case it opens (unless every alert was
already judged a false positive for an unchanged listed entry).

One function, :func:`record`, does it all in the caller's transaction so a screening,
its case and their audit events are written together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, insert, select, tuple_, update
from sqlalchemy.orm import Session

from uavscreen.store import audit
from uavscreen.store.canonical import digest, now_iso
from uavscreen.store.fingerprint import PartyQuery
from uavscreen.store.models import Alert, Base, Case, Counterparty, Screening, Suppression

CASE_DECISIONS = ("REVIEW", "BLOCK")


@dataclass
class AlertDraft:
    """An alert before it is stored: which party, which listed entity (if any), why."""

    kind: str
    summary: str
    party: PartyQuery | None = None
    entity_id: str | None = None
    entity_fingerprint: str | None = None
    entity: Any = None  # the listed entity as a dict, or already encoded (canonical.Encoded)
    score: float | None = None
    explanation: Any = field(default_factory=list)


@dataclass
class ScreeningDraft:
    kind: str  # match | screen | rescreen
    actor: str
    request: Any
    result: Any
    lists: dict[str, str]
    matcher_version: str
    policy: str
    decision: str | None
    subject: str
    parties: list[PartyQuery] = field(default_factory=list)
    alerts: list[AlertDraft] = field(default_factory=list)


@dataclass(frozen=True)
class Recorded:
    screening_id: int
    case_id: int | None
    suppressed: int
    counterparties: dict[str, int] = field(default_factory=dict)


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


# Core statements on the tables, run on the session's connection: the ORM's bulk-insert
# path (session.execute(insert(Model))) costs several times the database work here.
_COUNTERPARTIES = _table(Counterparty)
_SUPPRESSIONS = _table(Suppression)
_INSERT_COUNTERPARTY = insert(_COUNTERPARTIES).returning(_COUNTERPARTIES.c.id)
# multi-row inserts answer the new ids in the order of their rows
_INSERT_SCREENING = insert(_table(Screening)).returning(_table(Screening).c.id, sort_by_parameter_order=True)
_INSERT_CASE = insert(_table(Case)).returning(_table(Case).c.id, sort_by_parameter_order=True)
_INSERT_ALERT = insert(_table(Alert))


def upsert_counterparties(session: Session, parties: list[PartyQuery], known: dict[str, int],
                          now: str | None = None) -> dict[str, int]:
    """party key → counterparty id, adding the parties not seen before and stamping the
    others' ``last_screened``.  ``known`` is the caller's cache of ids already stored
    (counterparties are never deleted)."""
    out = {}
    missing = {}
    for p in parties:
        key = p.key
        if key in known:
            out[key] = known[key]
        else:
            missing[key] = p
    if not out and not missing:
        return out
    conn = session.connection()
    cols = _COUNTERPARTIES.c
    now = now or now_iso()
    if missing:
        out.update({k: i for k, i in conn.execute(
            select(cols.party_key, cols.id).where(cols.party_key.in_(list(missing))))})
    if out:  # one statement for the batch: these parties were screened again
        conn.execute(update(_COUNTERPARTIES).where(cols.id.in_(set(out.values()))).values(last_screened=now))
    for key, party in missing.items():
        if key not in out:
            out[key] = conn.execute(_INSERT_COUNTERPARTY, {
                "party_key": key, "name": party.name[:500], "schema": party.schema, "query": party.to_dict(),
                "first_seen": now, "last_screened": now}).scalar_one()
    return out


def suppressed_pairs(session: Session, alerts: list[AlertDraft]) -> set[tuple[str, str, str]]:
    pairs = {(a.party.key, a.entity_id, a.entity_fingerprint) for a in alerts
             if a.party is not None and a.entity_id and a.entity_fingerprint}
    if not pairs:
        return set()
    c = _SUPPRESSIONS.c
    rows = session.connection().execute(
        select(c.party_key, c.entity_id, c.entity_fingerprint).where(
            tuple_(c.party_key, c.entity_id, c.entity_fingerprint).in_(list(pairs)))).all()
    return {(r[0], r[1], r[2]) for r in rows}


def record(session: Session, draft: ScreeningDraft, known_parties: dict[str, int] | None = None) -> Recorded:
    """Store one screening (see :func:`record_many`)."""
    return record_many(session, [draft], known_parties)[0]


def record_many(session: Session, drafts: list[ScreeningDraft],
                known_parties: dict[str, int] | None = None) -> list[Recorded]:
    """Store screenings, in order; open a case for each REVIEW/BLOCK result with live
    alerts.  Each table gets one multi-row statement for the whole list (a group commit
    of the service writes dozens at once), with prebuilt Core statements only: statement
    overhead, not the database, was most of the cost of one screening.  The audit chain
    reads as if they were recorded one after another: a screening's event, then its
    case's.  ``known_parties`` (party key → id) is updated only by the caller, after the
    transaction commits."""
    if not drafts:
        return []
    now = now_iso()
    cp_ids = upsert_counterparties(session, [p for d in drafts for p in d.parties],
                                   known_parties if known_parties is not None else {}, now)
    conn = session.connection()
    screening_ids: list[int] = [row[0] for row in conn.execute(_INSERT_SCREENING, [{
        "created_at": now, "kind": d.kind, "actor": d.actor, "request": d.request, "result": d.result,
        "lists": d.lists, "matcher_version": d.matcher_version, "policy": d.policy, "decision": d.decision}
        for d in drafts])]
    muted = suppressed_pairs(session, [a for d in drafts for a in d.alerts])
    live_of = [[a for a in d.alerts if a.party is None or (a.party.key, a.entity_id, a.entity_fingerprint) not in muted]
               for d in drafts]
    opening = [i for i, d in enumerate(drafts) if d.decision in CASE_DECISIONS and live_of[i]]
    case_of: dict[int, int] = {}
    if opening:
        rows = []
        for i in opening:
            first_party = next((a.party for a in live_of[i] if a.party is not None), None)
            rows.append({"status": "open", "decision": drafts[i].decision or "REVIEW",
                         "subject": drafts[i].subject[:500], "origin": drafts[i].kind,
                         "screening_id": screening_ids[i],
                         "counterparty_id": cp_ids.get(first_party.key) if first_party else None,
                         "created_at": now, "closed_at": None, "closed_by": None, "resolution": None})
        case_of = dict(zip(opening, (row[0] for row in conn.execute(_INSERT_CASE, rows)), strict=True))
        conn.execute(_INSERT_ALERT, [{
            "case_id": case_of[i], "kind": a.kind, "party_key": a.party.key if a.party else None,
            "query": a.party.to_dict() if a.party else {}, "entity_id": a.entity_id,
            "entity_fingerprint": a.entity_fingerprint, "entity": a.entity, "score": a.score,
            "explanation": a.explanation, "summary": a.summary[:2000], "disposition": None, "reason": None,
            "decided_by": None, "decided_at": None} for i in opening for a in live_of[i]])
    events: list[audit.EventDraft] = []
    out: list[Recorded] = []
    for i, d in enumerate(drafts):
        events.append(audit.EventDraft(d.actor, f"screening.{d.kind}", d.subject, {
            "screening_id": screening_ids[i], "request_sha256": digest(d.request),
            "result_sha256": digest(d.result), "lists": d.lists, "matcher": d.matcher_version,
            "policy": d.policy, "decision": d.decision}))
        suppressed = len(d.alerts) - len(live_of[i])
        case_id = case_of.get(i)
        if case_id is not None:
            events.append(audit.EventDraft(d.actor, "case.open", f"case:{case_id}", {
                "case_id": case_id, "screening_id": screening_ids[i], "decision": d.decision or "REVIEW",
                "alerts": [a.entity_id or a.kind for a in live_of[i]], "suppressed": suppressed}))
        out.append(Recorded(screening_ids[i], case_id, suppressed, {p.key: cp_ids[p.key] for p in d.parties}))
    audit.append_many(session, events)
    return out
