"""Cases and decisions: an analyst marks each alert a true or false positive with a
reason, then closes the case.  A false positive on a party/listed-entry pair becomes a
suppression that holds until the listed entry changes.  Decisions export to CSV/JSON for
auditors."""

from __future__ import annotations

import csv
import io
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from uavscreen.errors import UserError
from uavscreen.store import audit
from uavscreen.store.canonical import now_iso
from uavscreen.store.errors import Conflict, NotFound
from uavscreen.store.models import Alert, Case, Suppression

Disposition = Literal["true_positive", "false_positive"]
DISPOSITIONS: tuple[str, ...] = ("true_positive", "false_positive")


def list_cases(session: Session, status: str | None = "open", limit: int = 100, offset: int = 0) -> list[Case]:
    q = select(Case).options(selectinload(Case.alerts)).order_by(Case.id.desc()).limit(limit).offset(offset)
    if status:
        q = q.where(Case.status == status)
    return list(session.scalars(q))


def count_cases(session: Session, status: str | None = "open") -> int:
    q = select(func.count(Case.id))
    if status:
        q = q.where(Case.status == status)
    return int(session.scalar(q) or 0)


def get_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id, options=[selectinload(Case.alerts)])
    if case is None:
        raise NotFound(f"case {case_id} does not exist")
    return case


def decide(session: Session, case_id: int, alert_id: int, disposition: str, reason: str, actor: str) -> Alert:
    """Record the analyst's judgement of one alert."""
    if disposition not in DISPOSITIONS:
        raise UserError(f"disposition must be one of {', '.join(DISPOSITIONS)}, got {disposition!r}")
    if not reason.strip():
        raise UserError("a decision needs a reason")
    case = get_case(session, case_id)
    if case.status != "open":
        raise Conflict(f"case {case_id} is closed")
    alert = next((a for a in case.alerts if a.id == alert_id), None)
    if alert is None:
        raise NotFound(f"alert {alert_id} is not part of case {case_id}")
    now = now_iso()
    alert.disposition, alert.reason, alert.decided_by, alert.decided_at = disposition, reason.strip(), actor, now
    if disposition == "false_positive" and alert.party_key and alert.entity_id and alert.entity_fingerprint:
        exists = session.scalar(select(Suppression.id).where(
            Suppression.party_key == alert.party_key, Suppression.entity_id == alert.entity_id,
            Suppression.entity_fingerprint == alert.entity_fingerprint))
        if exists is None:
            session.add(Suppression(party_key=alert.party_key, entity_id=alert.entity_id,
                                    entity_fingerprint=alert.entity_fingerprint, alert_id=alert.id,
                                    created_at=now, created_by=actor))
    audit.append(session, actor, "case.decide", f"case:{case_id}", {
        "case_id": case_id, "alert_id": alert_id, "entity_id": alert.entity_id,
        "disposition": disposition, "reason": alert.reason,
    })
    return alert


def close(session: Session, case_id: int, resolution: str, actor: str) -> Case:
    """Close a case once every alert has a decision."""
    case = get_case(session, case_id)
    if case.status != "open":
        raise Conflict(f"case {case_id} is already closed")
    pending = [a.id for a in case.alerts if a.disposition is None]
    if pending:
        raise Conflict(f"case {case_id} still has undecided alerts: {', '.join(map(str, pending))}")
    case.status, case.closed_at, case.closed_by = "closed", now_iso(), actor
    case.resolution = resolution.strip() or None
    audit.append(session, actor, "case.close", f"case:{case_id}", {
        "case_id": case_id, "resolution": case.resolution,
        "dispositions": {str(a.id): a.disposition for a in case.alerts},
    })
    return case


EXPORT_COLUMNS = ("case_id", "case_status", "case_decision", "subject", "alert_id", "kind", "entity_id",
                  "score", "disposition", "reason", "decided_by", "decided_at", "closed_at", "resolution")


def decisions(session: Session, since: str | None = None) -> list[dict[str, Any]]:
    """Every decided alert with its case, oldest first."""
    q = (select(Alert, Case).join(Case, Alert.case_id == Case.id)
         .where(Alert.disposition.is_not(None)).order_by(Alert.decided_at, Alert.id))
    if since:
        q = q.where(Alert.decided_at >= since)
    out = []
    for alert, case in session.execute(q).all():
        out.append({
            "case_id": case.id, "case_status": case.status, "case_decision": case.decision,
            "subject": case.subject, "alert_id": alert.id, "kind": alert.kind, "entity_id": alert.entity_id,
            "score": alert.score, "disposition": alert.disposition, "reason": alert.reason,
            "decided_by": alert.decided_by, "decided_at": alert.decided_at, "closed_at": case.closed_at,
            "resolution": case.resolution,
        })
    return out


def decisions_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_safe(row.get(k)) for k in EXPORT_COLUMNS})
    return buf.getvalue()


def _csv_safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas in free text (an analyst's reason, a party name)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
