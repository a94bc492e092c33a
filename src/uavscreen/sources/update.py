"""Download, verify and install official lists without ever breaking the installed ones.

A list update is only installed when the new files were fully downloaded, are recognised
as that source's format, parse completely, and do not shrink the list implausibly (an
entity count more than 20 % below the installed snapshot needs ``force``; zero entities
is always refused: an empty "list" is a publisher or network failure, not good news).
Everything happens in a hidden staging folder beside the installed data; the finished
snapshot is renamed into ``$UAVSCREEN_HOME/lists/<source>/<version>/`` in one step, so a
failure at any point leaves the installed data exactly as it was.  The previous
snapshots stay (the newest :data:`KEEP_VERSIONS`) so a bad publication can be rolled back.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from uavscreen import __version__
from uavscreen.errors import UserError
from uavscreen.model import Entity
from uavscreen.sources import cache as compiled
from uavscreen.sources.base import Snapshot, SourceError
from uavscreen.sources.discover import find_snapshots, group_snapshots, is_date_version, load_snapshot
from uavscreen.sources.installed import META_FILE, installed_versions, lists_root
from uavscreen.sources.registry import default_sources, file_urls, source_info

log = logging.getLogger(__name__)

#: Largest fall in entity count accepted without ``force``.
MAX_DROP = 0.20
#: Installed snapshots kept per source (the current one and its predecessors).
KEEP_VERSIONS = 3
#: Largest accepted download; the biggest official file (SDN advanced XML) is ~100 MB.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
DEFAULT_TIMEOUT = 60.0


class UpdateError(UserError):
    """An update or load that was refused; the installed data is untouched."""


@dataclass(slots=True)
class InstallResult:
    source: str
    version: str
    status: str  # "installed" or "unchanged"
    path: Path
    entity_count: int
    name_count: int
    previous_count: int | None


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    try:
        return float(raw) if raw else default
    except ValueError:
        raise UserError(f"environment variable {name}={raw!r} is not a number") from None


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


# ----------------------------------------------------------------------------- download
def download(url: str, dest: Path, *, timeout: float, max_bytes: int, progress: Progress | None) -> int:
    """Stream ``url`` into ``dest``; refuse non-200 answers, oversize and short bodies."""
    try:
        with httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=True,
            headers={"User-Agent": f"uavscreen/{__version__} (list update)"},
        ) as client, client.stream("GET", url) as response:
            if response.status_code != 200:
                raise UpdateError(f"download of {url} failed: HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("content-length")
            expected = int(declared) if declared and declared.isdigit() else None
            if expected is not None and expected > max_bytes:
                raise UpdateError(f"download of {url} refused: {expected} bytes exceeds the {max_bytes}-byte limit")
            task = progress.add_task(dest.name, total=expected) if progress else None
            received = 0
            with dest.open("wb") as fh:
                for chunk in response.iter_bytes():  # decoded: a gzip transfer arrives as the file
                    received += len(chunk)
                    if received > max_bytes:
                        raise UpdateError(f"download of {url} refused: more than {max_bytes} bytes")
                    fh.write(chunk)
                    if progress is not None and task is not None:
                        progress.update(task, advance=len(chunk))
            if expected is not None and response.num_bytes_downloaded != expected:
                got = response.num_bytes_downloaded
                raise UpdateError(f"download of {url} truncated: got {got} of {expected} bytes")
            return received
    except httpx.TimeoutException as exc:
        raise UpdateError(f"download of {url} failed: timed out after {timeout:g} s ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise UpdateError(f"download of {url} failed: {exc or type(exc).__name__}") from exc


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
        console=Console(stderr=True), transient=True,
    )


# ----------------------------------------------------------------------------- verify + install
def _staging_dir() -> Path:
    root = lists_root()
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".staging-", dir=root))


def _verify(staging: Path, source: str, version_hint: str | None) -> tuple[Snapshot, list[Entity]]:
    """The one snapshot of ``source`` in ``staging``, fully parsed."""
    files = sorted(p for p in staging.iterdir() if not p.name.startswith("."))
    try:
        snapshots = group_snapshots(files, strict=True)
    except SourceError as exc:
        raise UpdateError(f"{source}: {Path(exc.file).name}: {exc.reason}") from exc
    found = {s.source for s in snapshots}
    if found != {source} or len(snapshots) != 1:
        raise UpdateError(
            f"{source}: the files are not one {source} snapshot (recognised: {', '.join(sorted(found)) or 'nothing'})"
        )
    snapshot = snapshots[0]
    if not is_date_version(snapshot.version):
        snapshot.version = version_hint if version_hint and is_date_version(version_hint) else _today()
    try:
        entities = load_snapshot(snapshot)
    except SourceError as exc:
        raise UpdateError(f"{source}: refused, the new file does not parse: {exc}") from exc
    except Exception as exc:  # a loader tripping over hostile input must still fail safe
        log.debug("loader failure", exc_info=True)
        raise UpdateError(f"{source}: refused, the new files could not be parsed ({type(exc).__name__}: {exc})") from exc
    if not entities:
        raise UpdateError(f"{source}: refused, the new snapshot has zero entities")
    return snapshot, entities


def _target_dir(source: str, version: str) -> Path:
    target = lists_root() / source / version
    if target.exists():
        target = target.with_name(f"{version}_{datetime.now(UTC):%Y%m%dT%H%M%S%f}")
    return target


def install(
    staging: Path, source: str, origin: dict[str, str], force: bool = False, version_hint: str | None = None
) -> InstallResult:
    """Verify the files in ``staging`` and rename them into place as the new snapshot of
    ``source`` (dated from inside the files, else ``version_hint``, else today).
    ``staging`` is consumed (moved or deleted) in every case."""
    try:
        snapshot, entities = _verify(staging, source, version_hint)
        names = sum(len(e.names) for e in entities)
        shas = {p.name: compiled.file_sha256(p) for p in snapshot.files}
        history = installed_versions(source)
        previous = history[-1] if history else None
        if previous is not None:
            if {n: m["sha256"] for n, m in previous.meta["files"].items()} == shas:
                return InstallResult(source, previous.version, "unchanged", previous.path,
                                     previous.entity_count, int(previous.meta.get("name_count", 0)),
                                     previous.entity_count)
            floor = previous.entity_count * (1 - MAX_DROP)
            if len(entities) < floor and not force:
                raise UpdateError(
                    f"{source}: refused, entity count fell from {previous.entity_count} to {len(entities)} "
                    f"(more than {MAX_DROP:.0%}); re-run with --force if the publisher really removed them"
                )
        meta: dict[str, Any] = {
            "source": source,
            "format": snapshot.format,
            "version": snapshot.version,
            "installed_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "entity_count": len(entities),
            "name_count": names,
            "files": {
                p.name: {"sha256": shas[p.name], "size": p.stat().st_size, "origin": origin.get(p.name, "")}
                for p in snapshot.files
            },
        }
        (staging / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        key = compiled.snapshot_key(snapshot)
        target = _target_dir(source, snapshot.version)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(staging, target)
        except OSError as exc:  # e.g. another update installed the same version meanwhile
            raise UpdateError(f"{source}: cannot install into {target}: {exc.strerror or exc}") from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    compiled.write_entities(key, entities)
    _prune(source)
    return InstallResult(source, snapshot.version, "installed", target, len(entities), names,
                         previous.entity_count if previous else None)


def _prune(source: str) -> None:
    for old in installed_versions(source)[:-KEEP_VERSIONS]:
        log.info("removing old snapshot %s", old.path)
        shutil.rmtree(old.path, ignore_errors=True)


# ----------------------------------------------------------------------------- entry points
def update_source(
    source: str,
    force: bool = False,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    progress: bool = False,
) -> InstallResult:
    """Download ``source`` from its official URL (or the configured mirror) and install it."""
    files = file_urls(source)
    timeout = timeout if timeout is not None else _env_float("UAVSCREEN_HTTP_TIMEOUT", DEFAULT_TIMEOUT)
    max_bytes = max_bytes if max_bytes is not None else int(_env_float("UAVSCREEN_MAX_DOWNLOAD_BYTES", DEFAULT_MAX_BYTES))
    staging = _staging_dir()
    try:
        bar = _progress() if progress else None
        if bar is not None:
            bar.start()
        try:
            for remote in files:
                try:
                    download(remote.url, staging / remote.name, timeout=timeout, max_bytes=max_bytes, progress=bar)
                except OSError as exc:  # disk full, staging folder removed …
                    raise UpdateError(f"{source}: cannot store {remote.name}: {exc.strerror or exc}") from exc
        finally:
            if bar is not None:
                bar.stop()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return install(staging, source, {f.name: f.url for f in files}, force=force)


def update_sources(sources: Sequence[str] | None, force: bool = False, progress: bool = False) -> list[InstallResult | UpdateError]:
    """Update each source in turn; one failing source does not stop the others."""
    chosen = list(sources or default_sources())
    for source in chosen:
        source_info(source)  # every name checked before anything is downloaded
    results: list[InstallResult | UpdateError] = []
    for source in chosen:
        try:
            results.append(update_source(source, force=force, progress=progress))
        except UpdateError as exc:
            results.append(exc)
    return results


def load_local(folder: str | Path, force: bool = False) -> list[InstallResult | UpdateError]:
    """Install the newest snapshot of each source found in a local folder of official
    files (e.g. downloaded by hand), after the same checks as a download.  One refused
    source does not stop the others."""
    try:
        snapshots = find_snapshots(folder)
    except SourceError as exc:
        raise UpdateError(f"{folder}: {exc}") from exc
    if not snapshots:
        raise UpdateError(f"{folder}: no official list files found")
    results: list[InstallResult | UpdateError] = []
    for snap in snapshots:
        staging = _staging_dir()
        try:
            for file in snap.files:
                shutil.copyfile(file, staging / file.name)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            results.append(UpdateError(f"{snap.source}: cannot copy {exc.filename}: {exc.strerror}"))
            continue
        origin = {f.name: str(f.resolve()) for f in snap.files}
        try:
            results.append(install(staging, snap.source, origin, force=force, version_hint=snap.version))
        except UpdateError as exc:
            results.append(exc)
    return results
