"""The local batch engine: chunks of records across forked processes, resumable.

The parent loads the screener (lists + name index, from the on-disk cache) *before* forking,
so every worker starts with it already in memory, shared copy-on-write, instead of each
paying the load.  The parent reads the input and hands out chunks; a worker screens a chunk
and writes it as an atomic checkpoint file; the parent records it in the manifest.  At the
end the chunk files are joined in input order into the output, the rejects file and the
summary, each written atomically: a failed or killed run never leaves a half output and
``--resume`` continues from the last finished chunk.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

import orjson

from uavscreen.batch.checkpoint import Checkpoint, file_sha256, parts_dir_for, read_chunk, write_chunk
from uavscreen.batch.io import atomic_write, count_records, file_format, read_records, write_rows
from uavscreen.batch.loader import load_screener, screener_fingerprint
from uavscreen.batch.progress import batch_progress
from uavscreen.batch.records import OUTPUT_COLUMNS, REJECT_COLUMNS, RawRecord, Reject, screen_raw
from uavscreen.batch.summary import ChunkStats, Summary, rejects_path_for, summary_path_for
from uavscreen.errors import UserError
from uavscreen.screener import Screener

DEFAULT_CHUNK_SIZE = 2000

# The screener a forked worker inherits from the parent (set just before the fork).
_SCREENER: Screener | None = None


@dataclass(slots=True)
class BatchOptions:
    input: Path
    out: Path
    resume: bool = False
    workers: int = 1
    lists: Path | None = None
    chunk_size: int = DEFAULT_CHUNK_SIZE
    progress: bool = True
    encoding: str | None = None  # of a text input, when its bytes do not tell


def screen_chunk(screener: Screener, parts: Path, k: int, records: list[RawRecord]) -> ChunkStats:
    """Screen one chunk and store it as a checkpoint file; its counts."""
    hits: list[dict[str, Any]] = []
    rejects: list[Reject] = []
    stats = ChunkStats(records=len(records))
    for raw in records:
        rows, reject = screen_raw(screener, raw)
        if reject is not None:
            rejects.append(reject)
        elif rows:
            hits.extend(rows)
            stats.records_with_hits += 1
    stats.rejects, stats.hits = len(rejects), len(hits)
    write_chunk(parts, k, hits, rejects)
    return stats


def _worker_chunk(parts: Path, k: int, records: list[RawRecord]) -> tuple[int, ChunkStats]:
    assert _SCREENER is not None, "worker forked before the screener was loaded"
    return k, screen_chunk(_SCREENER, parts, k, records)


def _chunks(path: Path, size: int, encoding: str | None) -> Iterator[tuple[int, list[RawRecord]]]:
    for k, group in groupby(read_records(path, encoding), key=lambda r: r.seq // size):
        yield k, list(group)


def check_paths(opts: BatchOptions) -> None:
    file_format(opts.input)
    file_format(opts.out)
    if opts.input.resolve() == opts.out.resolve():
        raise UserError(f"{opts.out}: the output would overwrite the input")
    if opts.workers < 1 or opts.chunk_size < 1:
        raise UserError("--workers and --chunk-size must be at least 1")


def run_local(opts: BatchOptions) -> Summary:
    """Screen ``opts.input`` into ``opts.out`` (plus rejects and summary files)."""
    global _SCREENER
    check_paths(opts)
    started = time.monotonic()
    screener = load_screener(opts.lists)
    total = count_records(opts.input)
    fingerprint = {"input_sha256": file_sha256(opts.input), "chunk_size": opts.chunk_size,
                   "encoding": opts.encoding, **screener_fingerprint(screener)}
    checkpoint = Checkpoint(parts_dir_for(opts.out), fingerprint)
    resumed = checkpoint.start(opts.resume)
    n_chunks = 0
    pool = None
    if opts.workers > 1:
        _SCREENER = screener
        # fork before the progress bar starts its thread; workers share the loaded index
        pool = mp.get_context("fork").Pool(opts.workers)
    try:
        with batch_progress(opts.progress) as progress:
            task = progress.add_task("screening", total=total)
            done_q: queue.Queue[tuple[int, ChunkStats] | BaseException] = queue.Queue()
            in_flight = 0

            def collect() -> None:
                nonlocal in_flight
                item = done_q.get()
                in_flight -= 1
                if isinstance(item, BaseException):
                    raise item
                k, stats = item
                checkpoint.mark_done(k, stats)
                progress.advance(task, stats.records)

            for k, records in _chunks(opts.input, opts.chunk_size, opts.encoding):
                n_chunks = k + 1
                if k in resumed:
                    progress.advance(task, len(records))
                    continue
                if pool is None:
                    checkpoint.mark_done(k, screen_chunk(screener, checkpoint.parts, k, records))
                    progress.advance(task, len(records))
                    continue
                pool.apply_async(_worker_chunk, (checkpoint.parts, k, records),
                                 callback=done_q.put, error_callback=done_q.put)
                in_flight += 1
                while in_flight >= 2 * opts.workers:
                    collect()
            while in_flight:
                collect()
            progress.update(task, total=progress.tasks[0].completed)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        _SCREENER = None
    stats = _assemble(opts.out, checkpoint, n_chunks)
    summary = Summary(str(opts.input), str(opts.out), str(rejects_path_for(opts.out)), "local",
                      opts.workers, stats, time.monotonic() - started, len(resumed), screener.lists)
    write_summary(opts.out, summary)
    checkpoint.remove()
    return summary


def _assemble(out: Path, checkpoint: Checkpoint, n_chunks: int) -> ChunkStats:
    """Join every chunk, in input order, into the output and rejects files."""
    missing = [k for k in range(n_chunks) if k not in checkpoint.done]
    if missing:
        raise UserError(f"{checkpoint.parts}: chunks {missing[:5]} were not screened; run again with --resume")
    stats = ChunkStats()
    for k in range(n_chunks):
        stats.add(checkpoint.done[k])

    def rows(which: int) -> Iterator[dict[str, Any]]:
        for k in range(n_chunks):
            yield from read_chunk(checkpoint.parts, k)[which]

    write_rows(rejects_path_for(out), REJECT_COLUMNS, rows(1))
    write_rows(out, OUTPUT_COLUMNS, rows(0))
    return stats


def write_summary(out: Path, summary: Summary) -> None:
    atomic_write(summary_path_for(out), lambda fh: fh.write(
        orjson.dumps(summary.to_dict(), option=orjson.OPT_INDENT_2) + b"\n"))


def default_workers() -> int:
    """One worker per CPU this process may run on."""
    return max(1, len(os.sched_getaffinity(0)))
