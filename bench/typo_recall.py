"""Typing slips in listed names: how often is the listed party still found?

The dev set's ``typo1``/``typo2`` cases are a few hundred; this draws its own from the
bundled lists, so a change to retrieval or scoring can be judged on names no tuning has
seen.  For each sampled listed name (one-word organisations and vessels; persons' last
words) it makes a misspelt query -- one slip (a letter changed, dropped or two swapped),
or two (a swap and a changed letter) -- and reports the share of queries whose listed
party is in the top 10 and the share at the match threshold.  Seeded: the same sample on
every run.

    .venv/bin/python bench/typo_recall.py [--per-kind 300] [--seed 11]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections.abc import Callable

from uavscreen import Screener
from uavscreen.model import Entity

LETTERS = "AEIOURSTNLKMDHB"


def _swap(word: str, rnd: random.Random) -> str:
    i = rnd.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def _change(word: str, rnd: random.Random) -> str:
    i = rnd.randrange(1, len(word))
    return word[:i] + rnd.choice([c for c in LETTERS if c != word[i]]) + word[i + 1:]


def _drop(word: str, rnd: random.Random) -> str:
    i = rnd.randrange(1, len(word))
    return word[:i] + word[i + 1:]


def one_slip(word: str, rnd: random.Random) -> str:
    return rnd.choice([_swap, _change, _drop])(word, rnd)


def two_slips(word: str, rnd: random.Random) -> str:
    return _change(_swap(word, rnd), rnd)


def samples(entities: list[Entity], n: int, rnd: random.Random) -> dict[str, list[tuple[str, str, str]]]:
    """(entity id, schema, name) per kind: one-word bodies and vessels; two-word persons
    (the last word is misspelt)."""
    bodies: list[tuple[str, str, str]] = []
    persons: list[tuple[str, str, str]] = []
    for e in entities:
        name = e.names[0].value.upper() if e.names else ""
        if not name.isascii():
            continue
        words = name.split()
        if e.schema in ("Organization", "Company", "Vessel") and len(words) == 1 and name.isalpha() \
                and 5 <= len(name) <= 10:
            bodies.append((e.id, e.schema, name))
        elif e.schema == "Person" and len(words) == 2 and all(w.isalpha() for w in words) and len(words[1]) >= 5:
            persons.append((e.id, e.schema, name))
    rnd.shuffle(bodies)
    rnd.shuffle(persons)
    return {"one-word bodies and vessels": bodies[:n], "two-word persons": persons[:n]}


def measure(s: Screener, cases: list[tuple[str, str, str]], slip: Callable[[str, random.Random], str],
            rnd: random.Random) -> tuple[int, int, int]:
    found = matched = 0
    for eid, schema, name in cases:
        words = name.split()
        query = " ".join([*words[:-1], slip(words[-1], rnd)])
        hits = s.match_party(query, schema=schema)
        ids = {h.entity.id: h for h in hits}
        for h in hits:
            for rel in h.related:
                ids.setdefault(rel.id, h)
        hit = ids.get(eid)
        found += hit is not None
        matched += hit is not None and hit.match
    return found, matched, len(cases)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-kind", type=int, default=300, help="listed names sampled per kind")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    t0 = time.perf_counter()
    s = Screener.default()
    s.match_party("warm up")
    print(f"machine: {os.cpu_count()} cores; one process; screener ready in {time.perf_counter() - t0:.1f} s")
    print(f"{'names':30} {'slips':>5} {'queries':>8} {'in top 10':>10} {'at match':>9}")
    for kind, cases in samples(s.dataset.entities, args.per_kind, random.Random(args.seed)).items():
        for label, slip in (("1", one_slip), ("2", two_slips)):
            found, matched, n = measure(s, cases, slip, random.Random(args.seed))
            print(f"{kind:30} {label:>5} {n:>8,} {found / n:>10.3f} {matched / n:>9.3f}")


if __name__ == "__main__":
    main()
