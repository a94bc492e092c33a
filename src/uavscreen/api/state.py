"""What the running service holds: the store, the settings, and the screener.

The screener (lists + matcher index) takes seconds to load, so the app starts at once
(``/healthz`` answers) and loads it in a background thread; ``/readyz`` and the screening
routes answer 503 until it is there.  An admin's list reload swaps it atomically.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from uavscreen.api.ftm import entity_properties
from uavscreen.api.settings import Settings
from uavscreen.heap import freeze_long_lived
from uavscreen.model import Entity
from uavscreen.screener import Screener
from uavscreen.store.canonical import Encoded
from uavscreen.store.db import Store
from uavscreen.store.drafts import describe
from uavscreen.store.keys import Role
from uavscreen.store.writer import GroupWriter


class NotReady(Exception):
    """The lists are still loading (or failed to load)."""


class ServiceState:
    def __init__(self, store: Store, settings: Settings, screener_factory: Callable[[], Screener]) -> None:
        self.store = store
        self.settings = settings
        self.screener_factory = screener_factory
        self._screener: Screener | None = None
        self._by_id: dict[str, Entity] = {}
        self._described: dict[str, tuple[str, Encoded]] = {}
        self._properties: dict[str, Encoded] = {}
        self._lock = threading.Lock()
        self.load_error: str | None = None
        self._key_cache: dict[str, tuple[float, int, Role, str]] = {}
        self.writer = GroupWriter(store)

    # ------------------------------------------------------------------ screener
    def load(self) -> Screener:
        """Load (or reload) the screener and warm its matcher."""
        try:
            screener = self.screener_factory()
            _ = screener.matcher  # build the index now, not on the first request
        except Exception as exc:  # the service stays up and says why it is not ready
            self.load_error = f"{type(exc).__name__}: {exc}"
            raise
        with self._lock:
            self._screener = screener
            self._by_id = {}
            self._described = {}
            self._properties = {}
            self.load_error = None
        freeze_long_lived()
        return screener

    def load_in_background(self) -> threading.Thread:
        def run() -> None:
            try:
                self.load()
            except Exception:  # recorded in load_error, reported by /readyz
                return

        thread = threading.Thread(target=run, name="uavscreen-load-lists", daemon=True)
        thread.start()
        return thread

    @property
    def ready(self) -> bool:
        return self._screener is not None

    @property
    def screener(self) -> Screener:
        s = self._screener
        if s is None:
            raise NotReady(self.load_error or "lists are loading")
        return s

    def entity(self, entity_id: str) -> Entity | None:
        by_id = self._by_id
        if not by_id:
            by_id = {e.id: e for e in self.screener.entities()}
            self._by_id = by_id
        return by_id.get(entity_id)

    def described(self, entity: Entity) -> tuple[str, Encoded]:
        """Fingerprint and stored form (canonical JSON) of a listed entity, computed once
        per list load: an alert stores it as these bytes."""
        hit = self._described.get(entity.id)
        if hit is None:
            fingerprint, data = describe(entity)
            hit = self._described[entity.id] = (fingerprint, Encoded(data))
        return hit

    def properties(self, entity: Entity) -> Encoded:
        """A listed entity's FtM properties as ``/match`` answers them, encoded once per
        list load: every answer naming the entity embeds the same bytes."""
        hit = self._properties.get(entity.id)
        if hit is None:
            hit = self._properties[entity.id] = Encoded(entity_properties(entity))
        return hit

    def entities_by_id(self) -> dict[str, Any]:
        self.entity("")
        return self._by_id

    # ------------------------------------------------------------------ key cache
    def cached_key(self, key_hash: str) -> tuple[int, Role, str] | None:
        hit = self._key_cache.get(key_hash)
        if hit is None or hit[0] < time.monotonic():
            return None
        return hit[1], hit[2], hit[3]

    def cache_key(self, key_hash: str, key_id: int, role: Role, label: str) -> None:
        if len(self._key_cache) > 10_000:
            self._key_cache.clear()
        self._key_cache[key_hash] = (time.monotonic() + self.settings.key_cache_seconds, key_id, role, label)

    def forget_keys(self) -> None:
        self._key_cache.clear()
