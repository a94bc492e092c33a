"""Batch screening throughput: a realistic customer master through every engine.

Generates N records (default 1,000,000): people and companies from Faker's public per-locale
name lists (17 locales, several scripts), with ~0.1% planted real listed names changed by
typos, reordered tokens, another legal form or another transliteration.  Each engine runs as
the real CLI (``uavscreen batch``) in a subprocess against the bundled lists; printed per
engine: wall time, records/s, CPU seconds, peak RSS of the largest process, and recall of
the planted names.  The machine's core count and load average are printed with them: other
work on the machine slows every figure.

    .venv/bin/python bench/bench_batch.py [--records 1000000] [--engines local1,local2,spark]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.batch.synthetic import Generator, recall, write_csv  # noqa: E402
from uavscreen.batch.loader import load_screener  # noqa: E402

ENGINES = {
    "local1": ["--engine", "local", "--workers", "1"],
    "local2": ["--engine", "local", "--workers", "2"],
    "spark": ["--engine", "spark", "--workers", "2", "--spark-master", "local[2]"],
}


def measured(cmd: list[str]) -> tuple[float, float, float]:
    """Run ``cmd`` in a child of a fresh interpreter: wall s, CPU s, peak RSS MiB of its largest process."""
    probe = ("import resource, subprocess, sys, time; t = time.monotonic(); "
             "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
             "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
             "print(time.monotonic() - t, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True, text=True)
    wall, cpu, rss = map(float, out.stdout.split())
    return wall, cpu, rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--engines", default="local1,local2,spark")
    ap.add_argument("--planted-share", type=float, default=0.001)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()

    screener = load_screener()  # builds the list and name-index caches the runs read
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    source = work / "customers.csv"
    t = time.monotonic()
    gen = Generator(screener, seed=args.seed, planted_share=args.planted_share)
    write_csv(source, gen.rows(args.records))
    print(f"generated {args.records:,} records ({len(gen.planted)} planted) in {time.monotonic() - t:.1f} s; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}", flush=True)

    results = []
    for name in args.engines.split(","):
        out = work / f"hits-{name}.csv"
        cmd = [sys.executable, "-c", "from uavscreen.cli import main; main()", "batch", str(source),
               "--out", str(out), "--no-progress", *ENGINES[name]]
        load = os.getloadavg()[0]
        wall, cpu, rss = measured(cmd)
        hits: dict[str, set[str]] = defaultdict(set)
        with out.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                hits[row["input_id"]].add(row["entity_id"])
        r = recall(gen.planted, hits, screener.dataset.same_as)
        res = {"engine": name, "records": args.records, "seconds": round(wall, 1),
               "records_per_second": round(args.records / wall, 1), "cpu_seconds": round(cpu, 1),
               "peak_rss_mib": round(rss), "recall_planted": round(r, 4), "records_with_hits": len(hits),
               "cores": os.cpu_count(), "load_average_before": round(load, 1)}
        results.append(res)
        print(f"{name:7s} {args.records:>9,} records  {wall:8.1f} s  {args.records / wall:8.1f} rec/s  "
              f"cpu {cpu:8.1f} s  peak RSS {rss:6.0f} MiB  recall {r:.4f}  "
              f"({len(hits):,} records with hits; {os.cpu_count()} cores, load {load:.1f})", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
