"""Compiled cache of parsed list snapshots, so a start does not reparse XML/XLSX.

Parsing every list takes seconds; reading the parsed entities back takes a fraction of
that.  Each snapshot is stored as zlib-compressed msgpack (no pickle: a cache file can
never run code) under ``$UAVSCREEN_HOME/cache/``.  Entities are written as positional
arrays in dataclass field order rather than ``to_dict()`` maps: tens of thousands of
records are rebuilt at every start, and skipping the per-record keys halves that time.  The key is
the sha256 of the files' bytes plus a fingerprint of the parsing code, so a changed list
or a changed loader can never be served stale data.  Writes go to a temporary file that
is renamed into place; a cache file that cannot be read is logged, ignored and rebuilt.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import tempfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import msgpack

from uavscreen.home import home_dir
from uavscreen.model import Address, BirthDate, Entity, Identifier, Link, Name, NameKind
from uavscreen.sources.base import Snapshot

log = logging.getLogger(__name__)

#: Bump when the layout of a cache file changes.
CACHE_FORMAT = 2
#: The code that decides what a parsed entity looks like: the loaders and what they use.
_CODE_PACKAGES = ("sources",)
_CODE_FILES = ("model.py", "geo/country_names.py", "names/script.py")
#: Cache files kept; the least recently used beyond this are deleted (old snapshots,
#: old code versions).  A full default set needs 7.
MAX_CACHE_FILES = 48


def cache_dir() -> Path:
    """``$UAVSCREEN_CACHE_DIR`` if set (e.g. one cache shared by many test homes), else
    ``$UAVSCREEN_HOME/cache``.  Sharing is safe: keys cover the file bytes and the code."""
    override = os.environ.get("UAVSCREEN_CACHE_DIR")
    return Path(override).expanduser() if override else home_dir() / "cache"


def file_sha256(path: Path) -> str:
    """sha256 of a file's stored bytes, streamed."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@cache
def code_fingerprint() -> str:
    """sha256 over the source of the modules that turn files into entities."""
    root = Path(str(resources.files("uavscreen")))
    digest = hashlib.sha256(f"format {CACHE_FORMAT}".encode())
    files = [root / f for f in _CODE_FILES]
    for package in _CODE_PACKAGES:
        files.extend(sorted((root / package).glob("**/*.py")))
    for file in files:
        if file.is_file():
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def snapshot_key(snapshot: Snapshot) -> str:
    """Cache key of a snapshot: its format, version and every file's name and sha256."""
    parts: dict[str, Any] = {
        "code": code_fingerprint(),
        "source": snapshot.source,
        "format": snapshot.format,
        "version": snapshot.version,
        "files": sorted((p.name, file_sha256(p)) for p in snapshot.files),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _read(path: Path) -> Any | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("cache file %s unreadable (%s); rebuilding", path, exc)
        return None
    try:
        payload = msgpack.unpackb(zlib.decompress(raw), raw=False, strict_map_key=False)
    except (zlib.error, ValueError, msgpack.UnpackException) as exc:
        log.warning("cache file %s is corrupt (%s); rebuilding", path, exc)
        return None
    with suppress(OSError):
        os.utime(path)  # mark as recently used for pruning
    return payload


def _write(path: Path, payload: Any) -> None:
    """Atomic write (temporary file + rename); a cache that cannot be written is only
    a slower next start, never an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = zlib.compress(msgpack.packb(payload, use_bin_type=True), 1)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(path.parent)
    except OSError as exc:
        log.warning("cannot write cache file %s: %s", path, exc)


def _prune(folder: Path) -> None:
    files = sorted(
        (p for p in folder.glob("*.msgpack.z") if p.name.startswith(("entities-", "links-"))),
        key=lambda p: p.stat().st_mtime,
    )
    for old in files[:-MAX_CACHE_FILES]:
        old.unlink(missing_ok=True)


def entities_path(key: str) -> Path:
    return cache_dir() / f"entities-{key}.msgpack.z"


_ENTITY_FIELDS = tuple(f.name for f in fields(Entity))
_NESTED: dict[str, type] = {
    "names": Name, "birth_dates": BirthDate, "addresses": Address, "identifiers": Identifier, "links": Link,
}
_NESTED_FIELDS = {name: tuple(f.name for f in fields(cls)) for name, cls in _NESTED.items()}
_KINDS = {k.value: k for k in NameKind}


def encode_entity(entity: Entity) -> list[Any]:
    """An Entity as a positional array (field order of the dataclasses)."""
    row: list[Any] = []
    for name in _ENTITY_FIELDS:
        value = getattr(entity, name)
        if name in _NESTED:
            value = [[getattr(item, f) for f in _NESTED_FIELDS[name]] for item in value]
        row.append(value)
    return row


def decode_entity(row: Sequence[Any]) -> Entity:
    """The inverse of :func:`encode_entity`."""
    values: list[Any] = []
    for name, value in zip(_ENTITY_FIELDS, row, strict=True):
        if name == "names":
            value = [Name(v, _KINDS[k], s, lang, parts) for v, k, s, lang, parts in value]
        elif name in _NESTED:
            cls = _NESTED[name]
            value = [cls(*item) for item in value]
        values.append(value)
    return Entity(*values)


@contextmanager
def _bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects that hold
    no cycles (it would otherwise rescan them again and again)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_entities(key: str) -> list[Entity] | None:
    """The cached entities of snapshot ``key``, or None when absent or unusable."""
    path = entities_path(key)
    with _bulk_allocation():
        payload = _read(path)
        if payload is None:
            return None
        try:
            if payload["format"] != CACHE_FORMAT or payload["key"] != key or payload["fields"] != list(_ENTITY_FIELDS):
                raise ValueError("key, format or field layout mismatch")
            return [decode_entity(row) for row in payload["entities"]]
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("cache file %s has unexpected content (%s); rebuilding", path, exc)
            return None


def write_entities(key: str, entities: Sequence[Entity]) -> None:
    payload = {
        "format": CACHE_FORMAT,
        "key": key,
        "fields": list(_ENTITY_FIELDS),
        "entities": [encode_entity(e) for e in entities],
    }
    _write(entities_path(key), payload)


def load_or_parse(
    snapshot: Snapshot, parse: Callable[[Snapshot], list[Entity]]
) -> tuple[str, list[Entity]]:
    """``(key, entities)`` of a snapshot: from the cache, else parsed and cached."""
    key = snapshot_key(snapshot)
    entities = read_entities(key)
    if entities is None:
        entities = parse(snapshot)
        write_entities(key, entities)
    return key, entities


def links_or_compute(
    keys: Sequence[str],
    entities: Sequence[Entity],
    compute: Callable[[Sequence[Entity]], dict[str, list[str]]],
) -> dict[str, list[str]]:
    """The ``same_as`` links of the snapshot set ``keys``: cached, else computed.
    Stored as the list of linked groups (each id once), which is half the size of the map."""
    digest = hashlib.sha256(("\n".join(sorted(keys)) + code_fingerprint()).encode()).hexdigest()
    path = cache_dir() / f"links-{digest}.msgpack.z"
    with _bulk_allocation():
        payload = _read(path)
        if isinstance(payload, dict) and payload.get("format") == CACHE_FORMAT and payload.get("key") == digest:
            try:
                return groups_to_links(payload["groups"])
            except (KeyError, TypeError, ValueError) as exc:
                log.warning("cache file %s has unexpected content (%s); rebuilding", path, exc)
    links = compute(entities)
    _write(path, {"format": CACHE_FORMAT, "key": digest, "groups": links_to_groups(links)})
    return links


def links_to_groups(links: dict[str, list[str]]) -> list[list[str]]:
    """Each linked group once, as a sorted id list."""
    seen: set[str] = set()
    groups: list[list[str]] = []
    for item, others in links.items():
        if item not in seen:
            group = sorted([item, *others])
            seen.update(group)
            groups.append(group)
    return groups


def groups_to_links(groups: Sequence[Sequence[str]]) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for group in groups:
        if len(group) < 2 or not all(isinstance(i, str) for i in group):
            raise ValueError("malformed link group")
        for item in group:
            links[item] = [other for other in group if other != item]
    return links
