"""Speed and size of party matching with every bundled list loaded, and the reference's speed
on the same queries.

Why: issue 3 sets budgets for the engine as deployed (all lists in one index): index build
≤ 60 s, load from cache ≤ 2 s, single-query latency p50 ≤ 1 ms and p99 ≤ 10 ms, ≥ 1,000
queries/s on one core, RSS ≤ 1.5 GB.  The queries are the names dev set's (names plus their
schema, countries and birth date), so the mix of scripts, lengths and side information is a
realistic one rather than a hand-picked list.  The matcher is single-threaded, so one process
measures one core (``--pin`` also pins it to one CPU); besides wall-clock figures it prints
queries per CPU-second, which a busy shared machine does not distort.  The timed pass is each
query's first sight (after a warm-up on the first queries); a second pass over the same
queries shows a running service, whose per-word caches already hold its usual words.  It works in a fresh
``UAVSCREEN_HOME`` so the cold build really is cold.

The reference is nomenklatura ``logic-v2`` with rapidfuzz top-50 candidate retrieval over the
same loaded entities (see ``compare_anchors.py``); it is about a hundred times slower, so it
runs on an evenly spread subset of the same queries (``--reference-queries``).  Its memory is
not in the RSS figure, which is taken before the reference is built.

    .venv/bin/python bench/bench_match.py [--markdown] [--max-queries N] [--repeat 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import resource
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from compare_anchors import (
    DEFAULT_CASES,
    REFERENCE_ALGORITHM,
    REFERENCE_CANDIDATES,
    ReferenceMatcher,
    ask,
    percentile,
    read_cases,
    render_table,
)

Query = dict[str, Any]
WARMUP_QUERIES = 200


def rss_mib() -> float:
    """Resident set size now (``/proc/self/statm``)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def query_latencies(match_party: Callable[..., Sequence[Any]], queries: list[Query], repeat: int = 1,
                    warmup: int = WARMUP_QUERIES) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each call of ``match_party`` over ``queries`` (``repeat``
    passes), after ``warmup`` untimed calls.  CPU time is what other processes on a shared
    machine do not inflate."""
    for q in queries[:warmup]:
        ask(match_party, q)
    wall: list[float] = []
    cpu: list[float] = []
    gc.collect()
    for _ in range(repeat):
        for q in queries:
            c0 = time.process_time()
            t0 = time.perf_counter()
            ask(match_party, q)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    return wall, cpu


def _ms(values: list[float]) -> str:
    return " / ".join(f"{1000 * percentile(values, q):.2f}" for q in (0.5, 0.95, 0.99))


def latency_rows(label: str, wall: list[float], cpu: list[float]) -> list[list[str]]:
    return [[f"{label}: queries/s (one core, wall clock)", f"{len(wall) / sum(wall):,.1f}"],
            [f"{label}: queries per CPU-second", f"{len(cpu) / sum(cpu):,.1f}"],
            [f"{label}: latency p50 / p95 / p99 ms, wall clock", _ms(wall)],
            [f"{label}: latency p50 / p95 / p99 ms, CPU time", _ms(cpu)],
            [f"{label}: latency mean / max ms, wall clock",
             f"{1000 * statistics.mean(wall):.2f} / {1000 * max(wall):.1f}"]]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=Path, default=DEFAULT_CASES, help="names dev set: the queries")
    ap.add_argument("--max-queries", type=int, help="only the first N queries")
    ap.add_argument("--repeat", type=int, default=1, help="timed passes over the queries")
    ap.add_argument("--reference-queries", type=int, default=100,
                    help=f"queries for {REFERENCE_ALGORITHM} (0: skip the reference)")
    ap.add_argument("--home", help="UAVSCREEN_HOME (default: a fresh temporary folder)")
    ap.add_argument("--pin", action="store_true",
                    help="pin the process to one CPU (it is single-threaded either way; on a busy "
                         "shared machine pinning only adds waiting)")
    ap.add_argument("--markdown", action="store_true", help="print the table as markdown")
    args = ap.parse_args(argv)

    os.environ["UAVSCREEN_HOME"] = args.home or tempfile.mkdtemp(prefix="uavscreen-bench-")
    cores = os.cpu_count() or 0
    if args.pin:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from uavscreen import Screener, native
    from uavscreen.matching.index import build_index
    from uavscreen.matching.match import Matcher

    queries = [c["query"] for c in read_cases(args.cases, None, args.max_queries)]
    rss0 = rss_mib()
    screener, load_s = timed(Screener.default)
    dataset = screener.dataset
    del screener
    names = sum(len(e.names) for e in dataset.entities)
    _, cold_s = timed(lambda: Matcher.build(dataset, use_cache=False))
    _, store_s = timed(lambda: build_index(dataset, use_cache=True))   # builds and writes the cache
    _, cache_s = timed(lambda: build_index(dataset, use_cache=True))   # reads it back
    matcher, matcher_cache_s = timed(lambda: Matcher.build(dataset, use_cache=True))
    lat, cpu = query_latencies(matcher.match, queries, args.repeat)  # what Screener.match_party calls
    # the same queries again: what a running service sees once its per-word caches
    # (neighbourhoods, nearest words, word-pair similarities) hold its usual words
    warm_lat, warm_cpu = query_latencies(matcher.match, queries, 1, warmup=0)
    gc.collect()
    rss_now = rss_mib()
    rss_peak = max(rss_now, peak_rss_mib())  # ru_maxrss is sampled and may trail statm

    rows = [["lists loaded (bundled)", f"{len(dataset.versions)} sources, {len(dataset.entities):,} entities, "
                                       f"{names:,} names"],
            ["lists load s", f"{load_s:.1f}"],
            ["index build s, cold (`Matcher.build(use_cache=False)`)", f"{cold_s:.1f}"],
            ["index build + cache write s (`build_index(use_cache=True)`, empty cache)", f"{store_s:.1f}"],
            ["index load from cache s (`build_index(use_cache=True)`)", f"{cache_s:.2f}"],
            ["matcher ready from cache s (`Matcher.build(use_cache=True)`)", f"{matcher_cache_s:.2f}"],
            ["queries timed", f"{len(lat):,} ({len(queries):,} dev-set queries × {args.repeat})"]]
    rows += latency_rows("uavscreen", lat, cpu)
    rows += latency_rows("uavscreen, the same queries again (word caches warm)", warm_lat, warm_cpu)[:3]
    rows += [["RSS MiB now / peak (process, lists + index)", f"{rss_now:,.0f} / {rss_peak:,.0f}"],
             ["RSS MiB before loading lists", f"{rss0:,.0f}"]]

    if args.reference_queries:
        step = max(1, len(queries) // args.reference_queries)
        sample = queries[::step][: args.reference_queries]
        reference, ref_build_s = timed(lambda: ReferenceMatcher(dataset.entities, scope="bundled"))
        for q in sample[:20]:  # warm-up: loads nomenklatura's data files
            ask(reference.match_party, q)
        t_retrieval = reference.retrieval_s
        ref_lat, ref_cpu = query_latencies(reference.match_party, sample, warmup=0)
        retrieval_s = reference.retrieval_s - t_retrieval
        label = f"{REFERENCE_ALGORITHM} + rapidfuzz top-{REFERENCE_CANDIDATES}"
        rows += [[f"{label}: build s (FtM proxies + name keys)", f"{ref_build_s:.1f}"]]
        rows += latency_rows(label, ref_lat, ref_cpu)
        rows += [[f"{label}: share of time in rapidfuzz retrieval", f"{retrieval_s / sum(ref_lat):.0%}"],
                 [f"{REFERENCE_ALGORITHM} scoring alone: queries/s (50 candidates each)",
                  f"{len(ref_lat) / (sum(ref_lat) - retrieval_s):,.1f}"],
                 ["speed-up of uavscreen (queries per CPU-second)",
                  f"×{(len(cpu) / sum(cpu)) / (len(ref_cpu) / sum(ref_cpu)):,.0f}"]]

    commit = subprocess.run(["git", "-C", str(Path(__file__).resolve().parent), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True, check=False).stdout.strip()
    print(f"bench_match {dt.date.today().isoformat()} commit {commit}; {cores} cores "
          f"({'pinned to one' if args.pin else 'single-threaded, not pinned'}), one process, load average "
          f"{'/'.join(f'{x:.1f}' for x in os.getloadavg())}; "
          f"Python {platform.python_version()} on {platform.machine()}; matching modules "
          f"{'compiled (mypyc)' if all(native.in_use().values()) else 'plain Python'}")
    print()
    print(render_table(["figure", "value"], rows, args.markdown))


if __name__ == "__main__":
    main()
