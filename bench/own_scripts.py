"""Names in their own script against the same record's Latin names: how often do they match?

The UK and UN lists give many parties both in their own script (Cyrillic, Arabic and
Persian, Chinese, Korean, Georgian, Hebrew ...) and in Latin letters.  Each such pair is a
free test of transliteration and translation on names no tuning has seen: the name in
its own script is screened (``compare``) against the Latin names of its own record only,
and the share that matches is printed per script, with a sample of the misses.  The
pairs include names the lists translate rather than transliterate, and a few that are
not the same name at all, so 100 % is not reachable; the figure is for comparing
versions of the matcher.

    .venv/bin/python bench/own_scripts.py [--misses 10]
"""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict

from uavscreen import Screener
from uavscreen.matching.pairwise import compare_entities
from uavscreen.names.script import detect_script


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", type=int, default=10, help="misses shown per script")
    args = ap.parse_args()
    started = time.perf_counter()
    dataset = Screener.default().dataset
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[tuple[float, str, str]]] = defaultdict(list)
    for e in dataset.entities:
        latin = [n.value for n in e.names if detect_script(n.value) == "Latin"]
        if not latin:
            continue
        for n in e.names:
            script = detect_script(n.value)
            if script == "Latin":
                continue
            hit = compare_entities({"schema": e.schema, "properties": {"name": [n.value]}},
                                   {"schema": e.schema, "properties": {"name": latin}})
            counts[script][0] += 1
            counts[script][1] += hit.match
            if not hit.match:
                misses[script].append((hit.score, n.value, hit.matched_name or latin[0]))
    print(f"machine: {os.cpu_count()} cores; {time.perf_counter() - started:.1f} s")
    print(f"{'script':12s} {'names':>6s} {'match':>6s} {'share':>6s}")
    for script, (n, m) in sorted(counts.items(), key=lambda kv: -kv[1][0]):
        print(f"{script:12s} {n:6,d} {m:6,d} {m / n:6.3f}")
    total, matched = sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())
    print(f"{'all':12s} {total:6,d} {matched:6,d} {matched / total:6.3f}")
    for script, rows in misses.items():
        print(f"\n{script}: misses (best first)")
        for score, name, listed in sorted(rows, reverse=True)[:args.misses]:
            print(f"  {score:.3f}  {name}  /  {listed}")


if __name__ == "__main__":
    main()
