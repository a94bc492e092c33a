"""Canonical JSON, hashes and timestamps: the bytes the audit chain and the fingerprints
are computed over must not depend on dict order or float formatting of the moment."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest(value: Any) -> str:
    """sha256 of the canonical JSON of ``value``."""
    return sha256_text(canonical_json(value))


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
