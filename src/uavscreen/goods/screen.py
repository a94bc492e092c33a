"""``screen_goods``: one invoice line → findings (controlled item, misdeclared code).

The pipeline is: lexicon tags + part families + makers (from the description and,
when given, the manufacturer and part-number fields) → categories → list entries
of the category's HS-6 code and of the declared code → findings with citations.

Severity policy (the scorer and the shipment policy read only "info or not"):
- a recognised category: ``high`` when the goods are described as for UAVs, or
  fall under CHPL tier 1/2, or were recognised by a part-number family or UAV-specific
  maker; else ``medium``;
- a misdeclared code for a recognised category: ``medium`` (``high`` if the
  category finding is high);
- only a listed declared code and nothing recognised: ``info`` on finished consumer
  goods or plain descriptions, ``low`` when the words say component/module/board;
  the CHPL names components, not the phones and doorbells that share their codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from uavscreen.data import control_table
from uavscreen.goods.categories import Category, CategoryIndex, load_categories
from uavscreen.goods.hs import HSCode, dotted, parse_hs
from uavscreen.goods.lexicon import Lexicon, Scan, load_lexicon
from uavscreen.goods.lists import ControlLists, ListEntry
from uavscreen.goods.misdeclared import misdeclared_against
from uavscreen.goods.parts import PartHit, PartMatcher, load_families
from uavscreen.goods.tables import goods_table
from uavscreen.model import Finding

HIGH_PRIORITY_LISTS = ("chpl", "fincen_bis_2023_high_priority_hs")
HIGH_TIERS = ("1", "2")
# Tags that say "this is a component", used when only the declared code is listed.
COMPONENT_TAGS = frozenset({"module_word", "ic", "electronic_components", "pcb", "parts_word"})
COMPONENT_HEADINGS = ("8541", "8542", "8532", "8534", "8533")
SPECIFIC_MAKER_TAGS = frozenset({"engine_maker", "servo_maker", "thermal_maker", "turbojet_maker",
                                 "uav_motor_maker"})


@dataclass(slots=True)
class Evidence:
    """Everything recognised on one line, and which input field it came from."""

    scan: Scan = field(default_factory=Scan)
    parts: list[PartHit] = field(default_factory=list)
    fields: dict[str, set[str]] = field(default_factory=dict)  # tag or part → fields (if not description)
    tags: set[str] = field(default_factory=set)

    def note(self, key: str, where: str) -> None:
        self.fields.setdefault(key, set()).add(where)

    def collect_tags(self) -> set[str]:
        self.tags = set(self.scan.tags)
        self.tags.update(h.family.category[4:] for h in self.parts if h.family.category.startswith("tag:"))
        return self.tags


@dataclass(frozen=True, slots=True)
class Recognition:
    """A category recognised on a line: why (for the evidence text) and from which
    tags or part numbers (for ``recognised_by``)."""

    category: Category
    reason: str
    keys: frozenset[str]


class GoodsScreener:
    """Screens invoice lines; built once from the bundled tables (no sanctions lists)."""

    def __init__(self, lexicon: Lexicon, parts: PartMatcher, categories: dict[str, Category],
                 lists: ControlLists) -> None:
        self.lexicon = lexicon
        self.parts = parts
        self.categories = categories
        self.index = CategoryIndex(categories)
        self.lists = lists

    @classmethod
    def bundled(cls) -> GoodsScreener:
        parts_table = goods_table("parts")
        return cls(
            lexicon=load_lexicon(goods_table("lexicon"), parts_table.get("manufacturers", [])),
            parts=PartMatcher(load_families(parts_table)),
            categories=load_categories(goods_table("categories")),
            lists=ControlLists(control_table("hs_lists")),
        )

    # ------------------------------------------------------------------ recognition
    def evidence(self, description: str, manufacturer: str | None, part_number: str | None) -> Evidence:
        """Tags, makers and part numbers of a line.  Which field each came from is only
        tracked when there is more than the description (the common, hot case)."""
        ev = Evidence()
        track = bool(manufacturer or part_number)
        for where, text in (("description", description), ("manufacturer", manufacturer),
                            ("part_number", part_number)):
            if not text:
                continue
            before = {t: len(w) for t, w in ev.scan.tags.items()} if track else {}
            self.lexicon.scan(text, into=ev.scan)
            if track:
                for tag, words in ev.scan.tags.items():
                    if len(words) != before.get(tag, 0):
                        ev.note(tag, where)
            for hit in self.parts.find(text):
                if all(h.part != hit.part for h in ev.parts):
                    ev.parts.append(hit)
                    if track:
                        ev.note(hit.part, where)
        self.lexicon.measure(ev.scan, ev.collect_tags())
        ev.collect_tags()
        return ev

    def recognise(self, ev: Evidence) -> list[Recognition]:
        """Categories recognised, each with a short reason; specific before generic."""
        tags = ev.tags
        found: dict[str, Recognition] = {}
        for hit in ev.parts:
            cid = hit.family.category
            cat = self.categories.get(cid)
            if cat is not None and cid not in found and not cat.silenced(tags):
                found[cid] = Recognition(cat, f"part number {hit.part} ({hit.family.name}, {hit.family.maker})",
                                         frozenset({hit.part}))
        for cat, rule in self.index.fired(tags):
            if cat.id not in found:
                words = sorted({w for t in rule.need for w in ev.scan.tags.get(t, [])})
                found[cat.id] = Recognition(cat, "words: " + ", ".join(words) if words else str(rule), rule.need)
        specific = [r for r in found.values() if not r.category.generic]
        return specific or list(found.values())

    # ------------------------------------------------------------------ findings
    def screen_goods(self, description: str, hs_code: str | None = None, manufacturer: str | None = None,
                     part_number: str | None = None) -> list[Finding]:
        """Findings for one invoice line; raises ``InvalidHSCode`` for an impossible code."""
        code = str(hs_code).strip() if hs_code is not None else ""  # JSON may carry a number
        declared = parse_hs(code) if code else None
        description = description or ""
        ev = self.evidence(description, manufacturer, part_number)
        recognised = self.recognise(ev)
        declared_entries = self.lists.lookup(declared.digits) if declared else []
        subject = description.strip() or (part_number or manufacturer or "")
        findings: list[Finding] = []
        for rec in recognised:
            findings.append(self._controlled(rec, ev, declared, declared_entries, subject))
        if declared is not None and recognised:
            wrong = misdeclared_against([r.category for r in recognised], declared)
            if wrong is not None:
                findings.append(self._misdeclared(wrong, declared, declared_entries, subject, findings[0]))
        if declared is not None and not recognised and declared_entries:
            findings.append(self._listed_code_only(ev, declared, declared_entries, subject))
        return findings

    @staticmethod
    def _recognised_by(rec: Recognition, ev: Evidence, declared: HSCode | None) -> list[str]:
        """The input fields the category was recognised from; ``hs_code`` when the
        declared code agrees with the category."""
        where: set[str] = set()
        for key in rec.keys:
            where |= ev.fields.get(key, {"description"})
        if declared is not None and rec.category.accepts(declared.digits):
            where.add("hs_code")
        order = ("description", "part_number", "manufacturer", "hs_code")
        return [w for w in order if w in where]

    def _controlled(self, rec: Recognition, ev: Evidence, declared: HSCode | None,
                    declared_entries: list[ListEntry], subject: str) -> Finding:
        cat, reason = rec.category, rec.reason
        entries = self.lists.lookup(cat.hs6)
        tier = ControlLists.chpl_tier(entries)
        tags = ev.tags
        by_part = any(h.family.category == cat.id for h in ev.parts)
        high_priority = tier in HIGH_TIERS or any(e.list_id in HIGH_PRIORITY_LISTS for e in entries)
        strong = "uav" in tags or tier in HIGH_TIERS or by_part or not SPECIFIC_MAKER_TAGS.isdisjoint(tags)
        basis = self.lists.citations(cat.hs6) or [f"{cat.label}: not itself an HS list entry"]
        basis.append(f"category source: {cat.source}")
        parts = [h.part for h in ev.parts if h.family.category == cat.id]
        evidence = f"{cat.label} recognised ({reason}); usual HS-6 {dotted(cat.hs6)}"
        if declared is not None:
            evidence += f"; declared {declared.dotted()}"
        if ev.scan.makers:
            evidence += f"; manufacturer: {', '.join(ev.scan.makers)}"
        return Finding(
            kind="controlled_item", severity="high" if strong else "medium", subject=subject,
            evidence=evidence, basis=basis,
            details={
                "category": cat.id, "hs6": cat.hs6, "declared_hs": declared.digits if declared else None,
                "lists": sorted({e.list_id for e in entries}),
                "declared_lists": sorted({e.list_id for e in declared_entries}),
                "chpl_tier": tier, "high_priority": high_priority,
                "recognised_by": self._recognised_by(rec, ev, declared),
                "part_numbers": parts, "manufacturers": list(ev.scan.makers),
                "words": {t: w for t, w in ev.scan.tags.items()},
            },
        )

    def _misdeclared(self, cat: Category, declared: HSCode, declared_entries: list[ListEntry],
                     subject: str, controlled: Finding) -> Finding:
        expected = dotted(cat.hs6)
        entries = self.lists.lookup(cat.hs6)
        basis = self.lists.citations(cat.hs6) or [f"category source: {cat.source}"]
        return Finding(
            kind="misdeclared_goods", severity="high" if controlled.severity == "high" else "medium",
            subject=subject,
            evidence=(f"described as {cat.label} (HS-6 {expected}) but declared under {declared.dotted()}"
                      + (" (itself a listed code)" if declared_entries else "")),
            basis=basis,
            details={
                "category": cat.id, "hs6": cat.hs6, "declared_hs": declared.digits,
                "expected_hs6": cat.hs6, "lists": sorted({e.list_id for e in entries}),
                "declared_lists": sorted({e.list_id for e in declared_entries}),
                "chpl_tier": ControlLists.chpl_tier(entries),
                "high_priority": bool(controlled.details.get("high_priority")),
                "recognised_by": controlled.details.get("recognised_by", []),
            },
        )

    def _listed_code_only(self, ev: Evidence, declared: HSCode, entries: list[ListEntry],
                          subject: str) -> Finding:
        tags = ev.tags
        consumer = "consumer" in tags or "toy" in tags
        component = not COMPONENT_TAGS.isdisjoint(tags) or declared.digits.startswith(COMPONENT_HEADINGS)
        severity = "low" if component and not consumer else "info"
        tier = ControlLists.chpl_tier(entries)
        why = ("finished consumer goods" if consumer else
               "described as a component" if component else "no controlled category recognised in the description")
        return Finding(
            kind="controlled_item", severity=severity, subject=subject,
            evidence=f"declared code {declared.dotted()} is on {len({e.list_id for e in entries})} list(s); {why}",
            basis=self.lists.citations(declared.digits),
            details={
                "category": None, "hs6": declared.hs6, "declared_hs": declared.digits,
                "lists": sorted({e.list_id for e in entries}), "declared_lists": sorted({e.list_id for e in entries}),
                "chpl_tier": tier,
                "high_priority": tier in HIGH_TIERS or any(e.list_id in HIGH_PRIORITY_LISTS for e in entries),
                "recognised_by": ["hs_code"], "consumer_goods": consumer,
            },
        )


@cache
def default_screener() -> GoodsScreener:
    """The screener over the bundled tables, built once per process."""
    return GoodsScreener.bundled()


def screen_goods(description: str, hs_code: str | None = None, manufacturer: str | None = None,
                 part_number: str | None = None) -> list[Finding]:
    """Findings for one invoice line (see module docstring for the severity policy)."""
    return default_screener().screen_goods(description, hs_code=hs_code, manufacturer=manufacturer,
                                           part_number=part_number)
