"""Recording a screening: the request, the result, the lists and matcher and policy it
used, the counterparties it named, and the case it opens (unless every alert was
already judged a false positive for an unchanged listed entry).

One function, :func:`record`, does it all in the caller's transaction so a screening,
its case and their audit events are written together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, insert, select, tuple_
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
    entity: dict[str, Any] | None = None
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
_INSERT_SCREENING = insert(_table(Screening)).returning(_table(Screening).c.id)
_INSERT_CASE = insert(_table(Case)).returning(_table(Case).c.id)
_INSERT_ALERT = insert(_table(Alert))


def upsert_counterparties(session: Session, parties: list[PartyQuery], known: dict[str, int]) -> dict[str, int]:
    """party key → counterparty id, adding the parties not seen before.  ``known`` is the
    caller's cache of ids already stored (counterparties are never deleted)."""
    out = {}
    missing = {}
    for p in parties:
        key = p.key
        if key in known:
            out[key] = known[key]
        else:
            missing[key] = p
    if missing:
        conn = session.connection()
        cols = _COUNTERPARTIES.c
        out.update({k: i for k, i in conn.execute(
            select(cols.party_key, cols.id).where(cols.party_key.in_(list(missing))))})
        now = now_iso()
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
    """Store one screening; open a case for a REVIEW/BLOCK result with live alerts.
    Prebuilt Core statements only: this runs for every request, and ORM flushes and
    statement compilation cost more than the database work itself.  ``known_parties``
    (party key → id) is updated only by the caller, after the transaction commits."""
    cp_ids = upsert_counterparties(session, draft.parties, known_parties if known_parties is not None else {})
    conn = session.connection()
    screening_id: int = conn.execute(_INSERT_SCREENING, {
        "created_at": now_iso(), "kind": draft.kind, "actor": draft.actor, "request": draft.request,
        "result": draft.result, "lists": draft.lists, "matcher_version": draft.matcher_version,
        "policy": draft.policy, "decision": draft.decision}).scalar_one()
    audit.append(session, draft.actor, f"screening.{draft.kind}", draft.subject, {
        "screening_id": screening_id, "request_sha256": digest(draft.request),
        "result_sha256": digest(draft.result), "lists": draft.lists,
        "matcher": draft.matcher_version, "policy": draft.policy, "decision": draft.decision,
    })
    muted = suppressed_pairs(session, draft.alerts)
    live = [a for a in draft.alerts
            if a.party is None or (a.party.key, a.entity_id, a.entity_fingerprint) not in muted]
    suppressed = len(draft.alerts) - len(live)
    if draft.decision not in CASE_DECISIONS or not live:
        return Recorded(screening_id, None, suppressed, cp_ids)
    first_party = next((a.party for a in live if a.party is not None), None)
    decision = draft.decision or "REVIEW"
    case_id: int = conn.execute(_INSERT_CASE, {
        "status": "open", "decision": decision, "subject": draft.subject[:500], "origin": draft.kind,
        "screening_id": screening_id, "counterparty_id": cp_ids.get(first_party.key) if first_party else None,
        "created_at": now_iso(), "closed_at": None, "closed_by": None, "resolution": None}).scalar_one()
    conn.execute(_INSERT_ALERT, [{
        "case_id": case_id, "kind": a.kind, "party_key": a.party.key if a.party else None,
        "query": a.party.to_dict() if a.party else {}, "entity_id": a.entity_id,
        "entity_fingerprint": a.entity_fingerprint, "entity": a.entity, "score": a.score,
        "explanation": a.explanation, "summary": a.summary[:2000], "disposition": None, "reason": None,
        "decided_by": None, "decided_at": None} for a in live])
    audit.append(session, draft.actor, "case.open", f"case:{case_id}", {
        "case_id": case_id, "screening_id": screening_id, "decision": decision,
        "alerts": [a.entity_id or a.kind for a in live], "suppressed": suppressed,
    })
    return Recorded(screening_id, case_id, suppressed, cp_ids)
