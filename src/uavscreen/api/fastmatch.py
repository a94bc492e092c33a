"""The common case of ``POST /match/{dataset}``, answered without FastAPI's per-request
machinery.

Screening systems call ``/match`` for every counterparty, so its overhead is paid
millions of times: FastAPI's dependency solving, parameter and body validation through
its generic layers and its middleware stack cost about as much CPU as the database
write of a screening.  This ASGI middleware answers the requests it can prove ordinary
(known query parameters with valid values, a JSON body that validates as
:class:`EntityMatchQuery`, a valid API key with the service role) with the very function
the route uses (:func:`match_answer`), so the answer and the stored screening are the
same bytes.  Anything else (no key or
a wrong one, an invalid parameter or body, an unknown dataset, lists still loading) is
passed on untouched to the FastAPI route, which gives the documented errors.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

from fastapi import HTTPException
from pydantic import ValidationError
from starlette.types import ASGIApp, Receive, Scope, Send

from uavscreen.api.auth import Caller, key_of, resolve_key
from uavscreen.api.limits import replay_body
from uavscreen.api.routers.match import (
    DATASET_CHARS,
    DEFAULT_ALGORITHM,
    DEFAULT_LIMIT,
    MAX_ALGORITHM,
    MAX_DATASET,
    MAX_LIMIT,
    match_answer,
)
from uavscreen.api.schemas import EntityMatchQuery
from uavscreen.api.state import ServiceState
from uavscreen.store.keys import Role

_PATH = re.compile(f"/match/({DATASET_CHARS}{{1,{MAX_DATASET}}})")
_DEFAULTS: dict[str, Any] = {"limit": DEFAULT_LIMIT, "threshold": None, "cutoff": 0.0,
                             "algorithm": DEFAULT_ALGORITHM}


def _params(query_string: bytes) -> dict[str, Any] | None:
    """The route's query parameters when each is given at most once with a valid value
    (the route's own bounds), else None."""
    out = dict(_DEFAULTS)
    seen: set[str] = set()
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if name in seen:
            return None
        seen.add(name)
        try:
            if name == "limit" and value.isdigit() and 1 <= int(value) <= MAX_LIMIT:
                out["limit"] = int(value)
            elif name in ("threshold", "cutoff") and 0.0 <= float(value) <= 1.0:
                out[name] = float(value)
            elif name == "algorithm" and len(value) <= MAX_ALGORITHM:
                out["algorithm"] = value
            else:
                return None
        except ValueError:
            return None
    return out


def _caller(state: ServiceState, headers: list[tuple[bytes, bytes]]) -> Caller | None:
    """The caller, if the request is JSON from a valid key with the service role.  A key
    not verified in the last few seconds is looked up here, on the loop (one indexed
    read): through the route, every connection of the worker would look it up at once
    each time the cache entry expires, and that stall showed as the latency tail."""
    auth = content_type = None
    for name, value in headers:
        if name == b"authorization":
            auth = value
        elif name == b"content-type":
            content_type = value
    if auth is None or content_type is None or content_type.split(b";")[0].strip().lower() != b"application/json":
        return None
    plain = key_of(auth.decode("latin-1"))
    caller = resolve_key(state, plain) if plain is not None else None
    if caller is None or not caller.role.allows(Role.SERVICE):
        return None  # the route answers 401 or 403
    return caller


class MatchFastPath:
    def __init__(self, app: ASGIApp, state: ServiceState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or not self.state.ready:
            await self.app(scope, receive, send)
            return
        path = _PATH.fullmatch(scope["path"])
        params = _params(scope.get("query_string", b"")) if path else None
        caller = _caller(self.state, scope["headers"]) if params is not None else None
        if path is None or params is None or caller is None:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        raw = b"".join(chunks)
        answer = await self._answer(raw, path.group(1), params, caller)
        if answer is None:
            await self.app(scope, replay_body(raw, receive), send)
            return
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(answer)).encode())]})
        await send({"type": "http.response.body", "body": answer})

    async def _answer(self, raw: bytes, dataset: str, params: dict[str, Any], caller: Caller) -> bytes | None:
        try:
            body = EntityMatchQuery.model_validate_json(raw)
        except ValidationError:
            return None
        try:
            return await match_answer(self.state, body, dataset, params["limit"], params["threshold"],
                                      params["cutoff"], params["algorithm"], caller)
        except HTTPException:  # unknown dataset, unusable query: the route says so
            return None

