"""Benchmark: loading every bundled list from the raw official files vs. from the compiled cache.

Each measurement runs in a fresh Python process (what a user's start costs: nothing is
warm but the OS page cache) with a private ``$UAVSCREEN_HOME``, and reports wall time,
CPU time and peak RSS.  Targets (issue 2): cache load <= 1 s, raw parse <= 20 s,
RSS <= 600 MB.  Usage: ``.venv/bin/python bench/bench_load.py [--runs 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def phase(use_cache: bool) -> None:
    """One load in this process; prints a JSON line with the figures."""
    started, cpu = time.perf_counter(), time.process_time()
    from uavscreen.sources.bundle import load_default

    imported = time.perf_counter()
    dataset = load_default(use_cache=use_cache)
    done = time.perf_counter()
    print(json.dumps({
        "entities": len(dataset.entities),
        "names": sum(len(e.names) for e in dataset.entities),
        "linked": len(dataset.same_as),
        "import_s": imported - started,
        "load_s": done - imported,
        "cpu_s": time.process_time() - cpu,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


def run_phase(name: str, home: str) -> dict[str, float]:
    env = {**os.environ, "UAVSCREEN_HOME": home}
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name], env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--phase", choices=["raw", "cache"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase(use_cache=args.phase == "cache")
        return
    print(f"bench_load: {os.cpu_count()} CPU cores, one process per measurement, {args.runs} runs each")
    with tempfile.TemporaryDirectory() as home:
        raw = [run_phase("raw", home) for _ in range(args.runs)]
        run_phase("cache", home)  # builds the compiled cache
        cached = [run_phase("cache", home) for _ in range(args.runs)]
    first = raw[0]
    print(f"lists: {first['entities']:,} entities, {first['names']:,} names, {first['linked']:,} linked records")
    for label, runs in (("raw parse of every bundled list", raw), ("load from compiled cache", cached)):
        load = [r["load_s"] for r in runs]
        cpu = [r["cpu_s"] for r in runs]
        print(
            f"{label}: median {statistics.median(load):.2f} s wall (min {min(load):.2f}), "
            f"median {statistics.median(cpu):.2f} s CPU; peak RSS {max(r['rss_mb'] for r in runs):.0f} MB; "
            f"package import {statistics.median(r['import_s'] for r in runs):.2f} s"
        )


if __name__ == "__main__":
    main()
