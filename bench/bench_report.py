"""Report writing speed: shipments per second for each format, one process.

Why: ``uavscreen screen`` writes the report after screening a whole batch, and the HTML
report draws one SVG map per shipment; this shows what that costs next to screening.
Run: ``.venv/bin/python bench/bench_report.py [N]`` (default 2000 shipments).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.report.sample_results import caspian, iran_via_hub, ordinary_trade, trans_pacific  # noqa: E402
from uavscreen.report import write_report  # noqa: E402
from uavscreen.report.geoshapes import country_shapes  # noqa: E402
from uavscreen.report.legs import leg_styles  # noqa: E402
from uavscreen.report.routemap import _countries, route_map  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    makers = (caspian, iran_via_hub, ordinary_trade, trans_pacific)
    results = []
    for i in range(n):
        shipment, verdict = makers[i % len(makers)]()
        results.append((shipment.model_copy(update={"id": f"{shipment.id}-{i}"}), verdict))
    country_shapes()  # load the bundled shapes once, as a long-running process would
    print(f"bench_report: {n} shipments, 1 process, machine has {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        for suffix in (".json", ".jsonl", ".csv", ".html"):
            out = Path(tmp) / f"report{suffix}"
            start = time.perf_counter()
            write_report(results, out)
            elapsed = time.perf_counter() - start
            size = out.stat().st_size / 1e6
            print(f"  {suffix:<6} {n / elapsed:10,.0f} shipments/s  {elapsed:6.2f} s  {size:7.1f} MB")
    # A batch repeats its routes and the map of a route is cached; a new route costs this:
    start = time.perf_counter()
    for i in range(200):
        shipment, verdict = makers[i % len(makers)]()
        _countries.cache_clear()
        route_map(shipment.route, leg_styles(shipment.route, verdict.findings))
    print(f"  route map of a route not seen before: {(time.perf_counter() - start) / 200 * 1000:.1f} ms")


if __name__ == "__main__":
    main()
