"""Shipment screening throughput: shipments per second end to end on ONE core (target: 500).

"End to end" is what a batch run does per shipment: validate the dict into a ``Shipment``,
screen every party against all bundled lists, every item through the goods screen, the
route (regions, hubs, Caspian corridor, vessels by IMO) and the red-flag rules, and decide.
The corpus is generated here from templates (ordinary trade, hubs, Russia, Caspian legs,
occupied regions, listed parties), so the figure does not depend on an evaluation file.

Two corpora are timed: ``unique`` gives every shipment counterparties never seen before
(the worst case: every party name goes through the matcher), ``orderbook`` draws them
from a pool of 300 customers, as a real order book repeats its customers.  One process,
after a warm-up; the list load and index build are reported separately.

    .venv/bin/python bench/bench_screen.py [--n 3000] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from typing import Any

from uavscreen import Screener, Shipment
from uavscreen.screening import screen

SYLLABLES = ["al", "ber", "cor", "dan", "el", "far", "gor", "hal", "ist", "jor", "kan", "lum", "mer", "nor",
             "ost", "par", "quin", "ros", "sel", "tor", "ul", "ver", "wes", "xan", "yor", "zel"]
FORMS = {"DE": "GmbH", "AE": "Trading LLC", "HK": "Co., Limited", "TR": "A.Ş.", "RU": "OOO", "GE": "LLC",
         "KZ": "LLP", "FR": "SAS", "US": "Inc.", "MY": "Sdn. Bhd.", "KG": "OsOO", "UA": "TOV"}
ADDRESSES = {"DE": "Industriestraße 14, 70565 Stuttgart", "AE": "Office 214, Al Khan Road, Sharjah",
             "HK": "Unit 1203, 88 Connaught Road Central, Hong Kong", "TR": "Ataşehir, İstanbul",
             "RU": "ul. Kulakova 20, Moscow", "GE": "12 Tsereteli Avenue, Tbilisi", "KZ": "prospekt Abaya 150, Almaty",
             "FR": "12 rue des Ateliers, 49000 Angers", "US": "410 Ferry Street, Newark, NJ",
             "MY": "Jalan Loke Yew, Kuala Lumpur", "KG": "prospekt Chui 154, Bishkek",
             "UA": "prospekt Bohdana Khmelnytskoho 24, Melitopol"}
ITEMS = [
    ("32-bit ARM Cortex-M4 microcontrollers, 168 MHz, LQFP-100", "8542.31", "STMicroelectronics", "STM32F407VGT6"),
    ("Multi-band GNSS receiver modules", "8526.91", "u-blox AG", "NEO-M9N-00B"),
    ("Tantalum capacitors 47 uF 16 V, case D", "8532.21", None, None),
    ("Solid oak dining tables 180 x 90 cm", "9403.60", None, None),
    ("Green coffee beans, washed, 70 kg jute bags", "0901.11", None, None),
    ("Men's knitted T-shirts, 100% cotton", "6109.10", None, None),
    ("USB-C GaN wall chargers 65 W, retail boxed", "8504.40", None, None),
    ("Deep groove ball bearings 6205-2RS", "8482.10", None, "6205-2RS"),
    ("Twin-cylinder two-stroke petrol engine 111 cc", "8418.69", None, "DLE-111"),
    ("Hydraulic excavators, 21 t", "8429.52", None, None),
]
ROUTES = [[("CNSHA", "AEJEA", "sea", "9391206")], [("MYPEN", "DEFRA", "air", None)], [("HKHKG", "RUMOW", "air", None)],
          [("IRAMD", "RUMCX", "sea", "9127332")], [("KZAAU", "AZBAK", "sea", "9183661")],
          [("ITGOA", "USNYC", "sea", "9473119")], [("TRMER", "RUNVS", "sea", "9334870")],
          [("CNTAO", "AEJEA", "sea", "9465746")], [("USLAX", "HKHKG", "air", None)]]


def company(rng: random.Random, country: str) -> dict[str, Any]:
    name = " ".join(rng.choice(SYLLABLES).capitalize() + rng.choice(SYLLABLES) for _ in range(2))
    return {"name": f"{name} {FORMS[country]}", "country": country, "address": ADDRESSES[country]}


def make_shipment(rng: random.Random, i: int, pool: list[dict[str, Any]] | None) -> dict[str, Any]:
    buyer = rng.choice(pool) if pool else company(rng, rng.choice(list(FORMS)))
    parties = [{"role": "buyer", **buyer}, {"role": "consignee", **buyer}]
    if rng.random() < 0.5:
        parties.append({"role": "end_user", **(rng.choice(pool) if pool else company(rng, rng.choice(list(FORMS))))})
    if rng.random() < 0.05:
        parties.append({"role": "ordering_bank", "name": "PJSC Promsvyazbank", "country": "RU", "address": "Moscow"})
    items = []
    for _ in range(rng.randint(1, 3)):
        d, hs, m, pn = rng.choice(ITEMS)
        items.append({"description": d, "hs_code": hs, "manufacturer": m, "part_number": pn,
                      "quantity": rng.randint(10, 10000), "value": rng.randint(1000, 500000), "currency": "USD",
                      "origin_country": rng.choice(["CN", "MY", "DE", "IR", "US"])})
    route = [{"from": a, "to": b, "mode": mode, **({"vessel_imo": imo} if imo else {})} for a, b, mode, imo in rng.choice(ROUTES)]
    return {"id": f"B-{i}", "date": "2025-06-01", "parties": parties, "items": items, "route": route,
            "payment": {"method": rng.choice(["wire", "wire", "cash", "letter_of_credit"]),
                        "payer_country": rng.choice([buyer["country"], "HK"])},
            "end_use": rng.choice(["Resale", "Production of controllers", "", "Confidential"])}


def run(s: Screener, corpus: list[dict[str, Any]]) -> tuple[float, dict[str, int]]:
    decisions: dict[str, int] = {}
    t0 = time.perf_counter()
    for raw in corpus:
        v = screen(s, Shipment.model_validate(raw))
        decisions[v.decision.value] = decisions.get(v.decision.value, 0) + 1
    return time.perf_counter() - t0, decisions


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    t0 = time.perf_counter()
    s = Screener.default()
    rng = random.Random(a.seed)
    warm = [make_shipment(rng, -i, None) for i in range(50)]
    run(s, warm)  # builds the matcher index and the lazy tables
    load = time.perf_counter() - t0
    pool = [company(rng, c) for c in rng.choices(list(FORMS), k=300)]
    corpora = {"unique": [make_shipment(rng, i, None) for i in range(a.n)],
               "orderbook": [make_shipment(rng, i, pool) for i in range(a.n)]}
    print(f"cores: {os.cpu_count()} (one process, one core used); lists: {s.lists}")
    print(f"load + index + warm-up: {load:.1f} s")
    for name, corpus in corpora.items():
        secs, decisions = run(s, corpus)
        print(f"{name:9} {len(corpus)} shipments in {secs:.2f} s = {len(corpus) / secs:,.0f} shipments/s "
              f"({secs / len(corpus) * 1000:.2f} ms each; {decisions})")


if __name__ == "__main__":
    main()
