"""Component categories and the tag rules that recognise them (``categories.yaml``).

A category fires when every tag of one of its alternatives is present and none of its
``!`` tags is; ``unless`` tags silence the whole category.  Keeping the rules as data
means a compliance analyst can read, cite and extend them without touching code, and
the near misses (servo voltage stabilisers, lawn-mower engines, carbon tripods) are
visible as explicit exclusions rather than buried thresholds.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Rule:
    need: frozenset[str]
    forbid: frozenset[str]

    def holds(self, tags: Collection[str]) -> bool:
        return self.need.issubset(tags) and self.forbid.isdisjoint(tags)

    def __str__(self) -> str:
        return " + ".join(sorted(self.need)) + "".join(f" - {t}" for t in sorted(self.forbid))


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    label: str
    hs6: str
    accept: tuple[str, ...]
    rules: tuple[Rule, ...]
    unless: frozenset[str]
    generic: bool
    source: str

    def silenced(self, tags: Collection[str]) -> bool:
        return not self.unless.isdisjoint(tags)

    def matching_rule(self, tags: Collection[str]) -> Rule | None:
        """The first rule that holds, or None (also when an ``unless`` tag is present)."""
        if self.silenced(tags):
            return None
        return next((r for r in self.rules if r.holds(tags)), None)

    def accepts(self, digits: str) -> bool:
        """Is a declared code (digits, 2-10) an honest classification of this category?
        A chapter or heading is accepted when one of the category's codes lies in it."""
        codes = (self.hs6, *self.accept)
        if digits.startswith(codes):
            return True
        return len(digits) < 6 and any(c.startswith(digits) for c in codes)


class CategoryIndex:
    """Categories indexed by the tags their rules need, so a line only evaluates the
    few categories whose words it contains (the screen's hot path)."""

    _CACHE_SIZE = 50_000

    def __init__(self, categories: dict[str, Category]) -> None:
        self.categories = categories
        self._order = {cid: i for i, cid in enumerate(categories)}
        self._by_tag: dict[str, list[Category]] = {}
        for cat in categories.values():
            for tag in {t for r in cat.rules for t in r.need}:
                self._by_tag.setdefault(tag, []).append(cat)
        # Invoice lines repeat the same few tag combinations: remember the answers.
        self._cache: dict[frozenset[str], list[tuple[Category, Rule]]] = {}

    def fired(self, tags: Collection[str]) -> list[tuple[Category, Rule]]:
        """Categories whose rule holds for ``tags``, in table order."""
        key = frozenset(tags)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        candidates: dict[str, Category] = {}
        for tag in key:
            for cat in self._by_tag.get(tag, ()):
                candidates[cat.id] = cat
        out = []
        for cid in sorted(candidates, key=self._order.__getitem__):
            found = candidates[cid]
            rule = found.matching_rule(key)
            if rule is not None:
                out.append((found, rule))
        if len(self._cache) < self._CACHE_SIZE:
            self._cache[key] = out
        return out


def _rule(spec: list[str], where: str) -> Rule:
    if not spec:
        raise RuntimeError(f"categories.yaml {where}: empty rule")
    need = frozenset(t for t in spec if not t.startswith("!"))
    forbid = frozenset(t[1:] for t in spec if t.startswith("!"))
    if not need:
        raise RuntimeError(f"categories.yaml {where}: a rule needs at least one positive tag")
    return Rule(need, forbid)


def load_categories(table: dict[str, Any]) -> dict[str, Category]:
    """Categories by id, validated (every one has an HS-6 code, rules and a source)."""
    out: dict[str, Category] = {}
    for cid, row in table["categories"].items():
        hs6 = str(row["hs6"])
        if len(hs6) != 6 or not hs6.isdigit():
            raise RuntimeError(f"categories.yaml {cid}: hs6 {hs6!r} is not 6 digits")
        if not row.get("source"):
            raise RuntimeError(f"categories.yaml {cid}: no source")
        out[cid] = Category(
            id=cid, label=row["label"], hs6=hs6,
            accept=tuple(str(a) for a in row.get("accept", [])),
            rules=tuple(_rule(list(r), f"{cid}.when[{i}]") for i, r in enumerate(row["when"])),
            unless=frozenset(row.get("unless", [])),
            generic=bool(row.get("generic", False)),
            source=row["source"],
        )
    return out
