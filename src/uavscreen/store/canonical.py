"""Canonical JSON, hashes and timestamps: the bytes the audit chain and the fingerprints
are computed over must not depend on dict order or float formatting of the moment."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import orjson

_OPTS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


class Encoded:
    """A value already in canonical JSON.  A screening's request and result are large and
    are needed three times (stored column, audit digest, HTTP answer): encoding them once
    and passing this around saves most of the serialisation cost of a request.  Wherever
    canonical JSON is written (columns, digests, nested in other values) the bytes are
    used as they are, so the stored text and the hashes equal those of the plain value."""

    __slots__ = ("data",)

    def __init__(self, value: Any) -> None:
        self.data = canonical_bytes(value)

    @property
    def fragment(self) -> orjson.Fragment:
        """For embedding in a larger orjson document (e.g. the HTTP answer)."""
        return orjson.Fragment(self.data)


def _default(value: Any) -> Any:
    if isinstance(value, Encoded):
        return value.fragment
    return str(value)


def canonical_bytes(value: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8 (orjson: this runs for every screening).  What
    orjson cannot encode (integers beyond 64 bits) falls back to the standard library,
    deterministically, so the same value always gives the same bytes."""
    if isinstance(value, Encoded):
        return value.data
    try:
        return orjson.dumps(value, option=_OPTS, default=_default)
    except orjson.JSONEncodeError:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                          default=_plain).encode("utf-8")


def _plain(value: Any) -> Any:
    return orjson.loads(value.data) if isinstance(value, Encoded) else str(value)


def canonical_json(value: Any) -> str:
    return canonical_bytes(value).decode("utf-8")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest(value: Any) -> str:
    """sha256 of the canonical JSON of ``value``."""
    return hashlib.sha256(canonical_bytes(value)).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
