"""Deterministic synthetic customer masters for batch tests and the batch benchmark.

Ordinary records are people and companies from Faker's public per-locale name lists; a small
share are *planted*: real listed names from the loaded lists, changed the way real data
changes them (typos, reordered tokens, another legal form, another transliteration).  The
planted rows say which entity they came from, so a run's recall can be measured.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

from uavscreen.model import Entity, NameKind
from uavscreen.screener import Screener

COLUMNS = ("id", "name", "schema", "country", "birth_date", "identifiers")
LOCALES = {"en_US": "US", "en_GB": "GB", "de_DE": "DE", "fr_FR": "FR", "es_ES": "ES", "it_IT": "IT",
           "tr_TR": "TR", "pl_PL": "PL", "pt_BR": "BR", "nl_NL": "NL", "en_IN": "IN", "ru_RU": "RU",
           "zh_CN": "CN", "ar_AA": "AE", "fa_IR": "IR", "uk_UA": "UA", "ja_JP": "JP"}
LEGAL_FORMS = ("LLC", "Ltd", "Limited", "Co.", "Company", "JSC", "OOO", "GmbH", "FZE", "Co. Ltd", "Inc.")
_LEGAL = re.compile(r"\b(llc|ltd|limited|co|company|jsc|ooo|gmbh|fze|inc|corp|corporation|plc|sa|pjsc|cjsc)\b\.?",
                    re.IGNORECASE)
_TRANSLIT = (("ou", "u"), ("kh", "h"), ("y", "i"), ("ee", "i"), ("j", "dj"), ("sh", "ch"), ("q", "gh"),
             ("mohammad", "muhammad"), ("w", "v"))
VARIANTS = ("exact", "typo", "reorder", "legal_form", "translit", "case")


@dataclass(slots=True, frozen=True)
class Planted:
    """A planted row: its position, the listed entity it came from and how it was changed."""

    seq: int
    input_id: str
    entity_id: str
    variant: str
    name: str


def plantable(screener: Screener) -> list[Entity]:
    """Listed people and companies whose primary name is a Latin name of two tokens or more."""
    out = []
    for e in screener.entities():
        if e.schema not in ("Person", "Company", "Organization"):
            continue
        primary = next((n for n in e.names if n.kind is NameKind.PRIMARY), None)
        if primary and primary.script == "Latin" and len(primary.value.split()) >= 2 and len(primary.value) >= 8:
            out.append(e)
    out.sort(key=lambda e: e.id)
    return out


def _typo(name: str, rng: random.Random) -> str:
    tokens = name.split()
    long = [i for i, t in enumerate(tokens) if len(t) >= 6 and t.isalpha()]
    if not long:
        return name
    i = rng.choice(long)
    t = tokens[i]
    j = rng.randrange(1, len(t) - 1)
    op = rng.choice(("drop", "swap", "double"))
    tokens[i] = {"drop": t[:j] + t[j + 1:], "swap": t[:j] + t[j + 1] + t[j] + t[j + 2:],
                 "double": t[:j] + t[j] + t[j:]}[op]
    return " ".join(tokens)


def _translit(e: Entity, name: str, rng: random.Random) -> str:
    scripts = [n.value for n in e.names if n.script != "Latin"]
    if scripts and rng.random() < 0.5:
        return rng.choice(scripts)
    low = name.lower()
    for a, b in _TRANSLIT:
        if a in low:
            return low.replace(a, b, 1).title()
    return name


def variant(e: Entity, kind: str, rng: random.Random) -> str:
    name = e.caption
    if kind == "typo":
        return _typo(name, rng)
    if kind == "reorder":
        tokens = name.replace(",", "").split()
        return " ".join(tokens[-1:] + tokens[:-1])
    if kind == "legal_form":
        base = _LEGAL.sub("", name).strip(" ,.")
        return f"{base} {rng.choice(LEGAL_FORMS)}" if base else name
    if kind == "translit":
        return _translit(e, name, rng)
    if kind == "case":
        return re.sub(r"[.,'\"]", "", name).lower() if rng.random() < 0.5 else name.title()
    return name


class Generator:
    """``rows(n)`` yields ``n`` input rows; ``planted`` lists the planted ones afterwards."""

    def __init__(self, screener: Screener, seed: int = 7, planted_share: float = 0.001) -> None:
        self.rng = random.Random(seed)
        self.fakers = []
        for i, (locale, country) in enumerate(sorted(LOCALES.items())):
            fake = Faker(locale)
            fake.seed_instance(seed * 1000 + i)
            self.fakers.append((fake, country))
        self.listed = plantable(screener)
        self.share = planted_share
        self.planted: list[Planted] = []

    def _ordinary(self, seq: int) -> dict[str, str]:
        fake, country = self.rng.choice(self.fakers)
        r = self.rng.random()
        row = {"id": f"C{seq:08d}", "country": country if r < 0.85 else "", "identifiers": ""}
        if r < 0.65:
            row.update(name=fake.name(), schema="Person")
            d = fake.date_of_birth(minimum_age=18, maximum_age=90)
            row["birth_date"] = d.isoformat() if r < 0.3 else (str(d.year) if r < 0.4 else "")
        else:
            row.update(name=fake.company(), schema="Company" if r < 0.95 else "", birth_date="")
            if r < 0.7:
                row["identifiers"] = f"registration:{self.rng.randrange(10**9, 10**10)}"
        return row

    def _planted(self, seq: int) -> dict[str, str]:
        e = self.rng.choice(self.listed)
        kind = self.rng.choice(VARIANTS)
        if kind == "reorder" and e.schema != "Person":
            kind = "legal_form"
        name = variant(e, kind, self.rng)
        countries = sorted(set(e.countries) | set(e.nationalities))
        dob = e.birth_dates[0].value if e.birth_dates and self.rng.random() < 0.5 else ""
        row = {"id": f"C{seq:08d}", "name": name, "schema": e.schema if self.rng.random() < 0.8 else "",
               "country": countries[0] if countries and self.rng.random() < 0.5 else "",
               "birth_date": dob, "identifiers": ""}
        self.planted.append(Planted(seq, row["id"], e.id, kind, name))
        return row

    def rows(self, n: int) -> Iterator[dict[str, str]]:
        for seq in range(n):
            yield self._planted(seq) if self.rng.random() < self.share else self._ordinary(seq)


def write_csv(path: Path, rows: Iterator[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def recall(planted: list[Planted], hits: dict[str, set[str]], same_as: dict[str, list[str]]) -> float:
    """Share of planted rows whose entity (or another listing of the same party) was hit."""
    found = 0
    for p in planted:
        wanted = {p.entity_id, *same_as.get(p.entity_id, ())}
        found += bool(wanted & hits.get(p.input_id, set()))
    return found / len(planted) if planted else 1.0
