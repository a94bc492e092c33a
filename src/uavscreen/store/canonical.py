"""Canonical JSON, hashes and timestamps: the bytes the audit chain and the fingerprints
are computed over must not depend on dict order or float formatting of the moment."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import orjson

_OPTS = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def canonical_bytes(value: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8 (orjson: this runs for every screening).  What
    orjson cannot encode (integers beyond 64 bits) falls back to the standard library,
    deterministically, so the same value always gives the same bytes."""
    try:
        return orjson.dumps(value, option=_OPTS, default=str)
    except orjson.JSONEncodeError:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                          default=str).encode("utf-8")


def canonical_json(value: Any) -> str:
    return canonical_bytes(value).decode("utf-8")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest(value: Any) -> str:
    """sha256 of the canonical JSON of ``value``."""
    return hashlib.sha256(canonical_bytes(value)).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
