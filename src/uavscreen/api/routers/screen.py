"""``POST /screen``: one shipment (DESIGN.md's shape) or ``{"shipments": [...]}`` →
verdicts.  Each verdict is recorded; REVIEW and BLOCK open a case."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException
from pydantic import ValidationError

from uavscreen.api.auth import Caller, get_state, service
from uavscreen.api.state import ServiceState
from uavscreen.api.textcheck import check_text
from uavscreen.model import Party, Shipment, Verdict
from uavscreen.store.drafts import matcher_version, verdict_alerts
from uavscreen.store.fingerprint import PartyQuery
from uavscreen.store.screenings import ScreeningDraft

router = APIRouter(tags=["Screening"])


def party_query(party: Party) -> PartyQuery | None:
    if not party.name:
        return None
    return PartyQuery(name=party.name, schema=party.schema_ or "Any",
                      countries=(party.country,) if party.country else (), birth_date=party.birth_date,
                      identifiers=tuple((i.type, i.value) for i in party.identifiers))


def screen_one(state: ServiceState, raw: dict[str, Any], caller: Caller, where: str) -> dict[str, Any]:
    try:
        shipment = Shipment.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise HTTPException(422, detail=f"{where}: {loc}: {first['msg']}") from None
    screener = state.screener
    try:
        verdict: Verdict = screener.screen(shipment)
    except ImportError:
        raise HTTPException(503, detail="shipment screening is not installed in this build") from None
    by_subject: dict[str, PartyQuery] = {}
    parties: list[PartyQuery] = []
    for p in shipment.parties:
        q = party_query(p)
        if q is not None:
            parties.append(q)
            by_subject.setdefault(p.role, q)
            by_subject.setdefault(q.name, q)
    result = verdict.to_dict()
    draft = ScreeningDraft(
        kind="screen", actor=caller.actor, request=raw, result=result, lists=dict(verdict.lists),
        matcher_version=matcher_version(), policy=verdict.policy, decision=verdict.decision.value,
        subject=f"shipment {shipment.id}", parties=parties,
        alerts=verdict_alerts(verdict, by_subject, state.entities_by_id()))
    rec = state.writer.submit(draft)
    result["screening_id"], result["case_id"] = rec.screening_id, rec.case_id
    return result


@router.post("/screen", summary="Screen one shipment or a batch",
             responses={422: {"description": "Invalid shipment"}, 503: {"description": "Lists still loading"}})
def screen(
    body: dict[str, Any] = Body(..., examples=[{"id": "PO-1", "parties": [
        {"role": "buyer", "name": "Qods Aviation Industries", "country": "IR"}],
        "items": [{"description": "servo motors", "hs_code": "8501.10"}]}]),
    caller: Caller = Depends(service),
    state: ServiceState = Depends(get_state),
) -> dict[str, Any]:
    """A shipment as in DESIGN.md → ``{"decision", "findings", "lists", "policy",
    "screening_id", "case_id"}``; ``{"shipments": [...]}`` (at most the configured batch
    size) → ``{"verdicts": [...]}``."""
    check_text(body)
    if "shipments" in body:
        batch = body["shipments"]
        if not isinstance(batch, list) or not batch:
            raise HTTPException(422, detail="'shipments' must be a non-empty list of shipments")
        if len(batch) > state.settings.max_batch:
            raise HTTPException(413, detail=f"at most {state.settings.max_batch} shipments per request")
        for i, item in enumerate(batch):
            if not isinstance(item, dict):
                raise HTTPException(422, detail=f"shipments[{i}]: must be an object")
        return {"verdicts": [screen_one(state, item, caller, f"shipments[{i}]") for i, item in enumerate(batch)]}
    return screen_one(state, body, caller, "shipment")
