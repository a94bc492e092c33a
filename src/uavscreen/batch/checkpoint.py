"""Chunk checkpoints that let a killed batch resume with no lost or duplicated rows.

Layout, beside the output: ``<out>.parts/manifest.json`` and one ``chunk-NNNNNNNN.jsonl`` per
finished chunk (its hit rows and rejects, tagged ``h`` / ``r``).  Chunk ``k`` always holds
input records ``k*size … (k+1)*size-1``, so the chunks of a resumed run line up with the first
run's.  Every file is written to a temporary name, fsynced and renamed: a kill leaves either a
whole chunk or none.  The manifest lists the chunks that are done and what the results depend
on (input file hash, chunk size, list versions, matcher version); a resume against anything
else is refused rather than mixing results.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from uavscreen.batch.io import atomic_write
from uavscreen.batch.records import Reject
from uavscreen.batch.summary import ChunkStats
from uavscreen.errors import UserError

MANIFEST = "manifest.json"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def parts_dir_for(out: Path) -> Path:
    return out.with_name(out.name + ".parts")


def chunk_path(parts: Path, k: int) -> Path:
    return parts / f"chunk-{k:08d}.jsonl"


def write_chunk(parts: Path, k: int, hits: list[dict[str, Any]], rejects: list[Reject]) -> None:
    """Atomically store one finished chunk (called by the worker that screened it)."""

    def write(fh: IO[bytes]) -> None:
        for r in rejects:
            fh.write(orjson.dumps({"r": r.to_row()}) + b"\n")
        for h in hits:
            fh.write(orjson.dumps({"h": h}) + b"\n")

    atomic_write(chunk_path(parts, k), write)


def read_chunk(parts: Path, k: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Hit rows and reject rows of chunk ``k``."""
    hits: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    with chunk_path(parts, k).open("rb") as f:
        for line in f:
            obj = orjson.loads(line)
            (hits if "h" in obj else rejects).append(obj.get("h") or obj.get("r"))
    return hits, rejects


class Checkpoint:
    """The manifest of one batch run; only the parent process writes it."""

    def __init__(self, parts: Path, fingerprint: dict[str, Any]) -> None:
        self.parts = parts
        self.fingerprint = fingerprint
        self.done: dict[int, ChunkStats] = {}

    def start(self, resume: bool) -> dict[int, ChunkStats]:
        """Chunks already done (resume), or a fresh, empty checkpoint folder."""
        manifest = self.parts / MANIFEST
        if resume and manifest.exists():
            saved = orjson.loads(manifest.read_bytes())
            if saved.get("fingerprint") != self.fingerprint:
                raise UserError(
                    f"{self.parts}: cannot resume, the checkpoint was made with a different input, "
                    "chunk size or list set; run again without --resume to start over")
            self.done = {int(k): ChunkStats(**v) for k, v in saved["done"].items()
                         if chunk_path(self.parts, int(k)).exists()}
            for tmp in self.parts.glob(".*.tmp"):  # a chunk a killed worker was writing
                tmp.unlink(missing_ok=True)
        else:
            shutil.rmtree(self.parts, ignore_errors=True)
            self.parts.mkdir(parents=True)
            self._save()
        return dict(self.done)

    def mark_done(self, k: int, stats: ChunkStats) -> None:
        self.done[k] = stats
        self._save()

    def _save(self) -> None:
        body = {"fingerprint": self.fingerprint,
                "done": {str(k): {"records": s.records, "rejects": s.rejects, "hits": s.hits,
                                  "records_with_hits": s.records_with_hits}
                         for k, s in sorted(self.done.items())}}
        atomic_write(self.parts / MANIFEST, lambda fh: fh.write(orjson.dumps(body, option=orjson.OPT_INDENT_2)))

    def chunks_in_order(self) -> Iterator[int]:
        return iter(sorted(self.done))

    def remove(self) -> None:
        shutil.rmtree(self.parts, ignore_errors=True)
