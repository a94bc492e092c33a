"""The lists installed by ``uavscreen lists update``/``load``: where they are, what they hold.

Layout: ``$UAVSCREEN_HOME/lists/<source>/<version>/`` holds the official files exactly as
published plus a hidden ``.snapshot.json`` (origin, sha256 of each file, entity and name
counts, install time).  Only complete installs exist under that name: ``update.py``
builds a snapshot in a hidden staging folder and renames it into place.  Reading this
tree is kept apart from updating it so a start never imports the HTTP client.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from uavscreen.home import home_dir
from uavscreen.sources.base import Snapshot

log = logging.getLogger(__name__)

META_FILE = ".snapshot.json"


def lists_root() -> Path:
    return home_dir() / "lists"


@dataclass(slots=True)
class InstalledSnapshot:
    """One installed snapshot and its metadata (``.snapshot.json``)."""

    path: Path
    meta: dict[str, Any]

    @property
    def source(self) -> str:
        return str(self.meta["source"])

    @property
    def version(self) -> str:
        return str(self.meta["version"])

    @property
    def entity_count(self) -> int:
        return int(self.meta["entity_count"])

    def snapshot(self) -> Snapshot:
        files = [self.path / name for name in sorted(self.meta["files"])]
        return Snapshot(source=self.source, format=str(self.meta["format"]), version=self.version, files=files)


def read_installed(folder: Path) -> InstalledSnapshot | None:
    """The installed snapshot in ``folder``, or None if it is not a complete install."""
    meta_path = folder / META_FILE
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        for key in ("source", "format", "version", "files", "entity_count"):
            meta[key]  # noqa: B018 - presence check
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s: unreadable install metadata (%s); ignoring this snapshot", meta_path, exc)
        return None
    return InstalledSnapshot(folder, meta)


def installed_versions(source: str) -> list[InstalledSnapshot]:
    """Installed snapshots of ``source``, oldest first."""
    folder = lists_root() / source
    if not folder.is_dir():
        return []
    found = [s for d in folder.iterdir() if d.is_dir() and not d.name.startswith(".")
             if (s := read_installed(d)) is not None]
    return sorted(found, key=lambda s: (s.version, s.path.name))


def installed_current() -> dict[str, InstalledSnapshot]:
    """source → newest installed snapshot."""
    root = lists_root()
    if not root.is_dir():
        return {}
    current: dict[str, InstalledSnapshot] = {}
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and not folder.name.startswith("."):
            versions = installed_versions(folder.name)
            if versions:
                current[folder.name] = versions[-1]
    return current
