"""Find the official list files under a folder and load them as one :class:`Dataset`.

Users point uavscreen at folders laid out as ``<anything>/<date>/<official files>``
(a folder of official downloads, an evaluation index, an installed ``$UAVSCREEN_HOME/lists``).
Folder names are not trusted to say what a file is: every file is offered to every
format module's ``claim()``, which decides by file name and content.  The folder name only
supplies a date when the files carry none.  Where one source turns up in several dated
folders, the newest wins and the others are logged as skipped; files nobody claims are
logged as warnings so a misspelt or unexpected file never disappears silently.
"""

from __future__ import annotations

import importlib
import logging
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import cast

from uavscreen.errors import UserError
from uavscreen.model import Entity
from uavscreen.sources.base import Dataset, Format, Snapshot, SourceError
from uavscreen.sources.fileio import read_head

log = logging.getLogger(__name__)

#: Every format module, in the order their ``claim()`` is asked (specific before generic).
FORMAT_MODULES: tuple[str, ...] = (
    "ofac_csv",
    "ofac_xml",
    "ofac_enhanced",
    "un",
    "uk_ofsi",
    "uk_fcdo",
    "eu",
    "csl",
    "dpl",
    "ftm",
)

#: Files that legitimately sit beside list files and are not lists themselves.
NOT_LIST_FILES = frozenset({"MANIFEST.json", "SOURCES.md", "README.md"})

#: Git checkouts without symlink support store a symlink as a tiny text file holding the
#: target path; the eval ``indexes/`` arrive that way.  Larger files are never stubs.
_STUB_MAX_BYTES = 1024
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}(?:-\d{2})?)")


@cache
def _import_format(name: str) -> ModuleType:
    return importlib.import_module(f"uavscreen.sources.{name}")


def format_modules() -> tuple[ModuleType, ...]:
    """Every format module of :data:`FORMAT_MODULES`, imported."""
    return tuple(_import_format(name) for name in FORMAT_MODULES)


def format_module(name: str) -> Format:
    """The format module whose ``NAME`` is ``name``, importing only as far as needed."""
    for module_name in FORMAT_MODULES:
        module = _import_format(module_name)
        if name == module.NAME:
            return cast(Format, module)
    raise UserError(f"no format module named {name!r}")


def claim_file(path: Path) -> tuple[str, str] | None:
    """``(source, format name)`` of the format module that recognises ``path``, or None."""
    head = read_head(path)
    for module in format_modules():
        source = module.claim(path, head)
        if source:
            return str(source), str(module.NAME)
    return None


def symlink_stub_target(path: Path) -> Path | None:
    """If ``path`` is a git symlink stub (a tiny file holding a relative path that exists),
    the path it points to."""
    try:
        if path.stat().st_size > _STUB_MAX_BYTES:
            return None
        text = path.read_bytes()
    except OSError:
        return None
    if b"\0" in text or b"\n" in text.strip():
        return None
    try:
        rel = text.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None
    if not rel or rel.startswith(("<", "{", "#")):
        return None
    target = (path.parent / rel).resolve()
    return target if target.exists() and target != path.resolve() else None


def iter_files(root: Path) -> Iterator[Path]:
    """Every regular file under ``root``, following symlinks and symlink stubs once each
    (cycles are cut by remembering the real path of every folder entered)."""
    seen_dirs: set[Path] = set()
    seen_files: set[Path] = set()
    pending = [root]
    while pending:
        top = pending.pop()
        real = top.resolve()
        if real.is_file():
            if real not in seen_files:
                seen_files.add(real)
                yield top
            continue
        if real in seen_dirs:
            continue
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(top), key=lambda e: e.name)
        except OSError as exc:
            raise UserError(f"{top}: cannot read folder: {exc.strerror or exc}") from exc
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden: partial installs, metadata, VCS folders
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=True):
                pending.append(path)
            elif entry.is_file(follow_symlinks=True):
                pending.append(symlink_stub_target(path) or path)
            else:
                log.warning("%s: broken link or special file, skipped", path)


def folder_version(folder: Path) -> str:
    """The date in a folder name (``2024-05-03``, ``bis_dpl_2023-11``), else the name."""
    match = _DATE_IN_NAME.search(folder.name)
    return match.group(1) if match else folder.name


def _version_order(snapshot: Snapshot) -> tuple[bool, str, str]:
    return (is_date_version(snapshot.version), snapshot.version, str(snapshot.files[0].parent))


def find_snapshots(path: str | Path, newest_only: bool = True) -> list[Snapshot]:
    """The snapshots of official lists under ``path``, one per source (the newest) unless
    ``newest_only`` is False."""
    root = Path(path)
    if not root.exists():
        raise UserError(f"{root}: no such file or folder")
    snapshots = group_snapshots(f for f in iter_files(root) if f.name not in NOT_LIST_FILES)
    return newest_per_source(snapshots) if newest_only else snapshots


def group_snapshots(files: Iterable[Path], strict: bool = False) -> list[Snapshot]:
    """Claim each file and group the claimed files of one folder into one Snapshot per
    (source, format).  Unclaimed files are logged, or raise SourceError when ``strict``."""
    groups: dict[tuple[Path, str, str], list[Path]] = defaultdict(list)
    for file in files:
        claimed = claim_file(file)
        if claimed is None:
            if strict:
                raise SourceError(file, None, "not a recognised official list file")
            log.warning("%s: not a recognised official list file, not loaded", file)
            continue
        source, fmt = claimed
        groups[(file.resolve().parent, source, fmt)].append(file)
    snapshots: list[Snapshot] = []
    for (folder, source, fmt), members in sorted(groups.items()):
        snap = Snapshot(source=source, format=fmt, version="", files=sorted(members, key=lambda p: p.name))
        snap.version = format_module(fmt).version(snap) or folder_version(folder)
        snapshots.append(snap)
    return snapshots


def is_date_version(version: str) -> bool:
    return bool(_DATE_IN_NAME.fullmatch(version))


def newest_per_source(snapshots: Iterable[Snapshot]) -> list[Snapshot]:
    """Keep the newest snapshot of each source; log the ones left out."""
    by_source: dict[str, list[Snapshot]] = defaultdict(list)
    for snap in snapshots:
        by_source[snap.source].append(snap)
    kept: list[Snapshot] = []
    for source in sorted(by_source):
        candidates = sorted(by_source[source], key=_version_order)
        newest = candidates[-1]
        kept.append(newest)
        for older in candidates[:-1]:
            log.info(
                "%s: using %s (%s, %s); skipped older snapshot %s (%s, %s)",
                source, newest.version, newest.format, newest.files[0].parent,
                older.version, older.format, older.files[0].parent,
            )
    return kept


def load_snapshot(snapshot: Snapshot) -> list[Entity]:
    """Parse one snapshot from its raw files (no cache); stamps ``source_version``."""
    entities: list[Entity] = []
    for entity in format_module(snapshot.format).load(snapshot):
        if entity.source_version is None:
            entity.source_version = snapshot.version
        entities.append(entity)
    return entities


def load_snapshots(snapshots: Sequence[Snapshot], use_cache: bool = True) -> Dataset:
    """One Dataset from ``snapshots`` (through the compiled cache unless disabled), with
    the records of one party linked (``Dataset.same_as``)."""
    from uavscreen.sources import cache as compiled
    from uavscreen.sources.linking import link_entities

    entities: list[Entity] = []
    keys: list[str] = []
    for snap in snapshots:
        if use_cache:
            key, loaded = compiled.load_or_parse(snap, load_snapshot)
            keys.append(key)
        else:
            loaded = load_snapshot(snap)
        entities.extend(loaded)
    _check_unique_ids(entities)
    if use_cache:
        same_as = compiled.links_or_compute(keys, entities, link_entities)
    else:
        same_as = link_entities(entities)
    return Dataset(entities=entities, snapshots=list(snapshots), same_as=same_as)


def _check_unique_ids(entities: list[Entity]) -> None:
    """Two records with one id would shadow each other in every index: refuse."""
    seen: set[str] = set()
    for entity in entities:
        if entity.id in seen:
            raise SourceError(
                f"{entity.source} {entity.source_version}", f"record {entity.id}",
                "entity id appears twice in the loaded snapshots",
            )
        seen.add(entity.id)


def load_dir(path: str | Path, use_cache: bool = True) -> Dataset:
    """Every official list under ``path`` (newest snapshot per source) as one Dataset."""
    snapshots = find_snapshots(path)
    if not snapshots:
        raise UserError(f"{path}: no official list files found")
    return load_snapshots(snapshots, use_cache=use_cache)
