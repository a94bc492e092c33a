"""The lists uavscreen screens against by default: installed ones, else the bundled ones.

The package ships compressed copies of real official snapshots (``data/lists/`` with
``MANIFEST.json``) so ``Screener.default()`` works right after installation with no
network.  Lists installed under ``$UAVSCREEN_HOME/lists`` by ``uavscreen lists update``
take precedence per source.  Bundled files are checked against the manifest's sha256
before use: a damaged installation fails loudly instead of screening against half a list.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from uavscreen.data import DATA_DIR, manifest
from uavscreen.sources.base import Dataset, Snapshot, SourceError
from uavscreen.sources.cache import file_sha256
from uavscreen.sources.discover import load_snapshots
from uavscreen.sources.installed import installed_current

log = logging.getLogger(__name__)

BUNDLE_DIR = DATA_DIR / "lists"
#: A newer list that replaces an older, retired one covering the same designations.
SUPERSEDES = {"uk_fcdo": "uk_ofsi"}
STALE_AFTER_DAYS = 30


@dataclass(slots=True)
class ListState:
    """What is loaded for one source and where it comes from (for ``lists status``)."""

    source: str
    version: str
    format: str
    origin: str  # "bundled" or "installed"
    entity_count: int
    name_count: int
    files: dict[str, str] = field(default_factory=dict)  # file name → sha256
    path: Path | None = None

    def age_days(self, today: date | None = None) -> int | None:
        return snapshot_age_days(self.version, today)

    def to_dict(self, today: date | None = None) -> dict[str, Any]:
        age = self.age_days(today)
        return {
            "source": self.source,
            "version": self.version,
            "format": self.format,
            "origin": self.origin,
            "age_days": age,
            "stale": age is None or age > STALE_AFTER_DAYS,
            "entity_count": self.entity_count,
            "name_count": self.name_count,
            "files": self.files,
            "path": str(self.path) if self.path else None,
        }


def snapshot_age_days(version: str, today: date | None = None) -> int | None:
    """Days since a ``YYYY-MM-DD`` or ``YYYY-MM`` (first of the month) snapshot date."""
    today = today or datetime.now(UTC).date()
    for fmt, text in (("%Y-%m-%d", version[:10]), ("%Y-%m", version[:7])):
        try:
            return (today - datetime.strptime(text, fmt).date()).days
        except ValueError:
            continue
    return None


def bundled_states() -> dict[str, ListState]:
    """source → the bundled snapshot, as the manifest describes it."""
    info = manifest("lists")
    states: dict[str, ListState] = {}
    for source, entry in info["sources"].items():
        states[source] = ListState(
            source=source,
            version=entry["version"],
            format=entry["format"],
            origin="bundled",
            entity_count=int(entry["entity_count"]),
            name_count=int(entry["name_count"]),
            files={rel: info["files"][rel]["sha256"] for rel in entry["files"]},
            path=BUNDLE_DIR / source / entry["version"],
        )
    return states


def installed_states() -> dict[str, ListState]:
    """source → the newest installed snapshot."""
    return {
        source: ListState(
            source=source,
            version=snap.version,
            format=str(snap.meta["format"]),
            origin="installed",
            entity_count=snap.entity_count,
            name_count=int(snap.meta.get("name_count", 0)),
            files={name: str(m["sha256"]) for name, m in snap.meta["files"].items()},
            path=snap.path,
        )
        for source, snap in installed_current().items()
    }


def current_states() -> list[ListState]:
    """The snapshot used for each source: installed where present, else bundled."""
    chosen = bundled_states()
    chosen.update(installed_states())
    for newer, older in SUPERSEDES.items():
        if newer in chosen and older in chosen and chosen[older].origin == "bundled":
            log.info("%s is installed: not using the bundled %s it replaces", newer, older)
            del chosen[older]
    return [chosen[s] for s in sorted(chosen)]


def _verified_snapshot(state: ListState) -> Snapshot:
    """The Snapshot of ``state`` after checking every file against its recorded sha256."""
    assert state.path is not None
    files: list[Path] = []
    for name, expected in state.files.items():
        path = (BUNDLE_DIR / name) if state.origin == "bundled" else (state.path / name)
        try:
            actual = file_sha256(path)
        except OSError as exc:
            raise SourceError(path, None, f"{state.origin} list file is missing or unreadable: {exc}") from exc
        if actual != expected:
            raise SourceError(path, None, f"{state.origin} list file does not match its recorded sha256 (damaged?)")
        files.append(path)
    return Snapshot(source=state.source, format=state.format, version=state.version, files=sorted(files))


def load_default(use_cache: bool = True) -> Dataset:
    """Every current list (installed, else bundled), verified, through the compiled cache.
    With a warm cache no format module is imported at all (some import heavy libraries)."""
    return load_snapshots([_verified_snapshot(s) for s in current_states()], use_cache=use_cache)
