"""Bundled run-time data: list snapshots (``lists/``) and control tables (``controls/``),
each directory with a ``MANIFEST.json`` giving source, date and sha256 of every file."""

from __future__ import annotations

import gzip
import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(str(resources.files("uavscreen") / "data"))


@cache
def manifest(folder: str) -> dict[str, Any]:
    """The MANIFEST.json of ``data/<folder>``."""
    return json.loads((DATA_DIR / folder / "MANIFEST.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def control_table(name: str) -> Any:
    """A bundled control table (``hs_lists``, ``red_flags``, ``jurisdictions``,
    ``caspian_ports``, ``designated_entities``) parsed from its gzip-compressed YAML,
    after checking its sha256 against the manifest (a corrupt install fails loudly)."""
    return yaml.safe_load(gzip.decompress(verified_bytes("controls", f"{name}.yaml.gz")))


def verified_bytes(folder: str, fname: str) -> bytes:
    """The raw bytes of the bundled file ``data/<folder>/<fname>``, after checking its
    sha256 against that folder's manifest (a corrupt install fails loudly)."""
    path = DATA_DIR / folder / fname
    raw = path.read_bytes()
    expected = manifest(folder)["files"][fname]["sha256"]
    if hashlib.sha256(raw).hexdigest() != expected:
        raise RuntimeError(f"bundled file {path} does not match its sha256 in MANIFEST.json")
    return raw
