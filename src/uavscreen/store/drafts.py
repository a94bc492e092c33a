"""Turning screening results (match hits, shipment verdicts) into the alerts a case
holds, with the listed entity's fingerprint so false-positive decisions can be matched
to the same entry later."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import uavscreen
from uavscreen.model import Entity, Finding, MatchHit, Verdict
from uavscreen.store.fingerprint import PartyQuery, entity_fingerprint
from uavscreen.store.screenings import AlertDraft


def matcher_version() -> str:
    """The matcher's own version when it declares one, else the package version."""
    try:
        matching = importlib.import_module("uavscreen.matching")
    except ImportError:  # the matcher is part of the package; this guards partial installs
        return f"uavscreen-{uavscreen.__version__}"
    return str(getattr(matching, "MATCHER_VERSION", None) or getattr(matching, "__version__", None)
               or f"uavscreen-{uavscreen.__version__}")


def describe(entity: Entity) -> tuple[str, dict[str, Any]]:
    """(fingerprint, plain dict) of a listed entity, as an alert stores it."""
    return entity_fingerprint(entity), entity.to_dict()


def hit_alert(party: PartyQuery, hit: MatchHit,
              described: Callable[[Entity], tuple[str, Any]] = describe) -> AlertDraft:
    """``described`` may be a cached :func:`describe` (the service keeps one per list load,
    with the entity already in canonical JSON)."""
    fingerprint, entity = described(hit.entity)
    return AlertDraft(
        kind="party_match",
        summary=f"{party.name!r} may be {hit.entity.caption!r} ({hit.entity.id}), score {hit.score:.2f}",
        party=party, entity_id=hit.entity.id, entity_fingerprint=fingerprint,
        entity=entity, score=round(hit.score, 4), explanation=hit.explanation,
    )


def finding_alert(finding: Finding, parties: dict[str, PartyQuery], entities: dict[str, Any]) -> AlertDraft:
    """A verdict's finding as an alert; a party match keeps its party and listed entity
    (looked up by the ``entity_id`` the finding's details carry) for the side-by-side view."""
    details = finding.details or {}
    entity_id = details.get("entity_id")
    entity = entities.get(entity_id) if isinstance(entity_id, str) else None
    query_name = details.get("query_name")
    party = (parties.get(query_name) if isinstance(query_name, str) else None) or parties.get(finding.subject)
    return AlertDraft(
        kind=finding.kind, summary=f"[{finding.severity}] {finding.subject}: {finding.evidence}",
        party=party if entity is not None else None,
        entity_id=entity_id if isinstance(entity_id, str) else None,
        entity_fingerprint=entity_fingerprint(entity) if entity is not None else None,
        entity=entity.to_dict() if entity is not None else None,
        score=details.get("score") if isinstance(details.get("score"), int | float) else None,
        explanation=[{"feature": "finding", "detail": finding.evidence, "basis": finding.basis,
                      "rule_id": finding.rule_id, "details": details}],
    )


def verdict_alerts(verdict: Verdict, parties: dict[str, PartyQuery], entities: dict[str, Any]) -> list[AlertDraft]:
    return [finding_alert(f, parties, entities) for f in verdict.findings if f.severity != "info"]
