"""``POST /match/{dataset}``: OpenSanctions yente's query-by-example matcher, same body
and same answer, so existing yente clients only change their base URL.

Each request is recorded (request, result, list versions, matcher version, threshold)
and matched parties open a case for review unless an analyst already cleared that party
against that unchanged listed entry.
"""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from starlette.concurrency import run_in_threadpool

from uavscreen.api.auth import Caller, get_state, service
from uavscreen.api.ftm import explanations, party_from_example
from uavscreen.api.schemas import EntityMatchQuery, EntityMatchResponse
from uavscreen.api.state import ServiceState
from uavscreen.model import MatchHit
from uavscreen.store.canonical import Encoded
from uavscreen.store.drafts import hit_alert, matcher_version
from uavscreen.store.fingerprint import PartyQuery
from uavscreen.store.partymatch import match_query
from uavscreen.store.screenings import AlertDraft, ScreeningDraft

router = APIRouter(tags=["Matching"])
ALL_DATASETS = ("default", "sanctions", "all")
# Requests with at most this many queries are matched on the event loop itself: matching
# is CPU-bound under the GIL, so a thread hop only adds switching and GIL hand-offs that
# stretch the latency tail.  Larger batches go to the thread pool so that one big batch
# does not hold up every other request of the worker.
INLINE_QUERIES = 4
# The route's parameter bounds; the fast path (api/fastmatch.py) admits exactly these.
DATASET_CHARS, MAX_DATASET = r"[A-Za-z0-9_\-]", 60
DEFAULT_LIMIT, MAX_LIMIT = 5, 100
DEFAULT_ALGORITHM, MAX_ALGORITHM = "uavscreen", 40


def scored(hit: MatchHit, threshold: float | None, properties: Encoded) -> dict[str, Any]:
    """One yente result (``ScoredEntity`` in the OpenAPI document), built as a plain dict:
    the answer is serialised once with orjson instead of validated and dumped by pydantic."""
    e = hit.entity
    return {
        "id": e.id, "caption": e.caption, "schema": e.schema, "properties": properties, "datasets": [e.source],
        "referents": [r.id for r in hit.related], "target": True, "first_seen": e.listed_on, "last_seen": None,
        "last_change": e.source_version, "score": round(hit.score, 4),
        "match": hit.match if threshold is None else hit.score >= threshold,
        "features": {k: round(float(v), 4) for k, v in hit.features.items()},
        "explanations": explanations(hit.explanation),
    }


def run_queries(state: ServiceState, body: EntityMatchQuery, dataset: str, limit: int, threshold: float | None,
                cutoff: float, algorithm: str, caller: Caller) -> tuple[ScreeningDraft, dict[str, Any]]:
    """Match every query; return the screening to record and the answer without its ids."""
    screener = state.screener
    sources = set(screener.lists)
    if dataset not in ALL_DATASETS and dataset not in sources:
        raise HTTPException(404, detail=f"unknown dataset {dataset!r}: use one of "
                            f"{', '.join(sorted({*ALL_DATASETS, *sources}))}")
    responses: dict[str, dict[str, Any]] = {}
    parties: list[PartyQuery] = []
    alerts: list[AlertDraft] = []
    for key, example in body.queries.items():
        try:
            party = party_from_example(example.schema_, example.properties)
        except ValueError as exc:
            raise HTTPException(400, detail=f"query {key!r}: {exc}") from None
        hits = match_query(screener, party, limit=limit if dataset in ALL_DATASETS else limit * 4)
        if dataset not in ALL_DATASETS:
            hits = [h for h in hits if h.entity.source == dataset][:limit]
        hits = [h for h in hits if h.score >= cutoff]
        results = [scored(h, threshold, state.properties(h.entity)) for h in hits]
        parties.append(party)
        alerts.extend(hit_alert(party, h, state.described) for h, r in zip(hits, results, strict=True) if r["match"])
        responses[key] = {"status": 200, "results": results, "total": {"value": len(results), "relation": "eq"},
                          "query": {"id": example.id, "schema": example.schema_, "properties": example.properties}}
    version = matcher_version()
    encoded = Encoded(responses)  # serialised once: stored, hashed and answered as these bytes
    draft = ScreeningDraft(
        kind="match", actor=caller.actor, request=Encoded(body.model_dump(by_alias=True)),
        result=Encoded({"responses": encoded}), lists=dict(screener.lists),
        matcher_version=version, policy=f"match:dataset={dataset};threshold={threshold};cutoff={cutoff}",
        decision="REVIEW" if alerts else "CLEAR", subject="; ".join(p.name for p in parties)[:500],
        parties=parties, alerts=alerts)
    answer = {"responses": encoded.fragment, "limit": limit,
              "matcher": {"name": algorithm if algorithm == "uavscreen" else "uavscreen", "version": version}}
    return draft, answer


@router.post("/match/{dataset}", response_model=EntityMatchResponse, response_model_by_alias=True,
             summary="Query-by-example matcher (yente-compatible)",
             responses={400: {"description": "Invalid query"}, 404: {"description": "Unknown dataset"},
                        503: {"description": "Lists still loading"}})
async def match(
    body: EntityMatchQuery,
    dataset: Annotated[str, Path(max_length=MAX_DATASET, pattern=f"^{DATASET_CHARS}+$")],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    cutoff: Annotated[float, Query(ge=0.0, le=1.0, deprecated=True)] = 0.0,
    algorithm: Annotated[str, Query(max_length=MAX_ALGORITHM)] = DEFAULT_ALGORITHM,
    caller: Caller = Depends(service),
    state: ServiceState = Depends(get_state),
) -> Response:
    """Match each example entity in ``queries`` (keys chosen by the client) against the
    loaded lists.  ``dataset`` is ``default`` (all lists) or one source id
    (``ofac_sdn``, ``un_sc``, ``uk_ofsi``, ...).  ``threshold`` overrides the matcher's own
    match threshold for the ``match`` flag; results scoring below ``cutoff`` are left out."""
    return Response(await match_answer(state, body, dataset, limit, threshold, cutoff, algorithm, caller),
                    media_type="application/json")


async def match_answer(state: ServiceState, body: EntityMatchQuery, dataset: str, limit: int,
                       threshold: float | None, cutoff: float, algorithm: str, caller: Caller) -> bytes:
    """The answer's bytes, once its screening is recorded (raises HTTPException for an
    unknown dataset or an unusable query)."""
    args = (state, body, dataset, limit, threshold, cutoff, algorithm, caller)
    if len(body.queries) <= INLINE_QUERIES:
        draft, answer = run_queries(*args)
    else:
        draft, answer = await run_in_threadpool(run_queries, *args)
    # The answer leaves only once the screening is committed; awaiting (not blocking)
    # lets this worker match other requests meanwhile, whose drafts join the same commit.
    rec = await state.writer.record(draft)
    answer["screening_id"], answer["case_id"] = rec.screening_id, rec.case_id
    return orjson.dumps(answer)
