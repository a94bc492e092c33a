"""Developer tool: copy the newest real list snapshots into the package, compressed.

Run by a developer when new official snapshots are added to the shared data (never at
run time): ``.venv/bin/python tools/bundle_lists.py [--lists ../shared/data/lists]``.
Each chosen official file is stored gzip-compressed (exact official bytes inside, gzip
mtime 0 so the output is reproducible); files that are already compressed containers
(``.gz``, ``.xlsx``, ``.zip``) are copied as they are.  ``MANIFEST.json`` records per
file the source, official URL, snapshot date, sha256 of the official and of the stored
bytes, and the entity and name counts of its snapshot as parsed by the format modules.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import sys
from pathlib import Path

from uavscreen.sources.discover import group_snapshots, load_snapshot
from uavscreen.sources.fileio import open_binary
from uavscreen.sources.registry import SOURCES

REPO = Path(__file__).resolve().parents[1]
DEFAULT_LISTS = REPO.parent / "shared" / "data" / "lists"
TARGET = REPO / "src" / "uavscreen" / "data" / "lists"

#: source id → (folder under the shared lists, snapshot date, official file names).
#: The newest complete snapshot of each source; OpenSanctions samples are CC BY-NC
#: test fixtures and are not bundled.
CHOSEN: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "ofac_sdn": ("ofac_sdn/2024-05-03", "2024-05-03", ("SDN.CSV",)),
    "ofac_cons": (
        "ofac_cons/2025-12-19",
        "2025-12-19",
        ("CONS_PRIM.CSV", "CONS_ALT.CSV", "CONS_ADD.CSV", "CONS_COMMENTS.CSV"),
    ),
    "un_sc": ("un_sc/2026-02-27", "2026-02-27", ("consolidated.xml",)),
    "uk_ofsi": ("uk/2025-04-14", "2025-04-14", ("ConList.xlsx",)),
    "us_csl": ("us_csl/2022-05", "2022-05", ("consolidated.csv.gz",)),
    "bis_dpl": ("us_csl/bis_dpl_2023-11", "2023-11", ("dpl.txt",)),
}
ALREADY_COMPRESSED = (".gz", ".xlsx", ".zip")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store(src: Path, dest_dir: Path) -> Path:
    """Copy ``src`` into ``dest_dir``, gzip-compressing it unless it already is."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    if src.name.lower().endswith(ALREADY_COMPRESSED):
        dest = dest_dir / src.name
        shutil.copyfile(src, dest)
        return dest
    dest = dest_dir / f"{src.name}.gz"
    with dest.open("wb") as raw, gzip.GzipFile(filename=src.name, mode="wb", compresslevel=9, fileobj=raw, mtime=0) as gz:
        gz.write(src.read_bytes())
    return dest


def official_url(source: str, name: str) -> str:
    for remote in SOURCES[source].files:
        if remote.name.lower() == name.lower().removesuffix(".gz"):
            return remote.url
    return SOURCES[source].files[0].url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS, help="the shared list snapshots")
    args = parser.parse_args(argv)
    if TARGET.exists():
        shutil.rmtree(TARGET)
    manifest: dict[str, object] = {
        "description": (
            "Official sanctions-list snapshots bundled with uavscreen: the exact official bytes, "
            "gzip-compressed where they were not already compressed. Written by tools/bundle_lists.py."
        ),
        "files": {},
        "sources": {},
    }
    files_section: dict[str, dict[str, object]] = manifest["files"]  # type: ignore[assignment]
    sources_section: dict[str, dict[str, object]] = manifest["sources"]  # type: ignore[assignment]
    missing: list[str] = []
    for source, (folder, date, names) in CHOSEN.items():
        dest_dir = TARGET / source / date
        stored = [store(args.lists / folder / name, dest_dir) for name in names]
        snapshots = group_snapshots(stored)
        if len(snapshots) != 1 or snapshots[0].source != source:
            print(f"{source}: NOT BUNDLED, files not recognised as one {source} snapshot", file=sys.stderr)
            shutil.rmtree(TARGET / source)
            missing.append(source)
            continue
        snapshot = snapshots[0]
        snapshot.version = date
        entities = load_snapshot(snapshot)
        names_count = sum(len(e.names) for e in entities)
        sources_section[source] = {
            "version": date,
            "format": snapshot.format,
            "entity_count": len(entities),
            "name_count": names_count,
            "files": [p.relative_to(TARGET).as_posix() for p in stored],
        }
        for name, path in zip(names, stored, strict=True):
            original = args.lists / folder / name
            # The official publication is the uncompressed file; a mirror's .gz is transport.
            with open_binary(original) as fh:
                official = fh.read()
            files_section[path.relative_to(TARGET).as_posix()] = {
                "source": source,
                "official_name": name.removesuffix(".gz"),
                "official_url": official_url(source, name),
                "snapshot_date": date,
                "sha256_official": sha256_bytes(official),
                "sha256": sha256_bytes(path.read_bytes()),
                "size_official": len(official),
                "size": path.stat().st_size,
                "entity_count": len(entities),
                "name_count": names_count,
            }
        print(f"{source} {date}: {len(entities)} entities, {names_count} names, {len(stored)} file(s)")
    (TARGET / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
