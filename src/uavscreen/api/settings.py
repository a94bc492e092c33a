"""Service limits and places, from the environment (no secrets live here: API keys are
in the store, the database URL in ``$UAVSCREEN_DB_URL``)."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw and raw.isdigit() else default


@dataclass(frozen=True)
class Settings:
    max_body_bytes: int = 1_000_000
    max_batch: int = 100
    max_limit: int = 100
    ui_session_hours: int = 8
    key_cache_seconds: float = 5.0
    handler_threads: int = 4

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            max_body_bytes=_int_env("UAVSCREEN_MAX_BODY_BYTES", cls.max_body_bytes),
            max_batch=_int_env("UAVSCREEN_MAX_BATCH", cls.max_batch),
            handler_threads=max(1, _int_env("UAVSCREEN_HANDLER_THREADS", cls.handler_threads)),
        )
