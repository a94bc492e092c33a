"""Items against the control lists, through the goods screen (``controlled_item`` /
``misdeclared_goods``).  Every finding is returned, ``info`` ones included, because red flags
read them (a CHPL code in a payment document, UAV-07); the verdict keeps only the flagged ones
(:func:`flagged`): ``info`` means "looked at, not flagged", and a CLEAR verdict on a phone
charger must not carry a controlled-item finding."""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Protocol

from uavscreen.data import control_table
from uavscreen.model import Finding, Shipment


class GoodsScreener(Protocol):
    def screen_goods(self, description: str, hs_code: str | None = ..., manufacturer: str | None = ...,
                     part_number: str | None = ...) -> list[Finding]: ...


def _label(i: int, description: str) -> str:
    short = description if len(description) <= 60 else description[:57] + "…"
    return f"item {i + 1}: {short}"


GOODS_KINDS = ("controlled_item", "misdeclared_goods")


def flagged(f: Finding) -> bool:
    """False for a goods finding the goods screen left at ``info`` (not flagged)."""
    return f.kind not in GOODS_KINDS or str(f.severity).lower() != "info"


_WORD = re.compile(r"[^\W\d_]{5,}")
# Words of list-entry descriptions too general to say what the goods are.
_GENERAL = frozenset({"other", "parts", "apparatus", "machines", "machinery", "electronic", "electrical",
                      "devices", "instruments", "whether", "including", "combined", "suitable", "principally",
                      "solely", "appliances", "equipment", "specified", "heading", "headings", "units",
                      "automatic", "processing", "therewith", "assemblies", "accessories"})


def _stems(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(text.casefold()) if w not in _GENERAL}


@cache
def _entry_stems() -> dict[str, set[str]]:
    """HS-6 → stems of what its list entries describe (CHPL, EAR Supp. No. 7, advisory)."""
    out: dict[str, set[str]] = {}
    for lst in control_table("hs_lists")["lists"]:
        for e in lst.get("entries", []):
            if e.get("hs") and e.get("description"):
                out.setdefault(str(e["hs"])[:6], set()).update(_stems(e["description"]))
    return out


def _high_priority_by_code(f: Finding, description: str) -> Finding | None:
    """A high-priority item the goods screen left at ``info`` because it recognised no component
    category in the text, although the declared code's list entry names the goods themselves
    ("Digital storage oscilloscopes" under 9030.20 "Oscilloscopes and oscillographs").  The
    decision policy counts such a line as high-priority goods; a consumer product does not."""
    d = f.details
    if f.kind != "controlled_item" or not d.get("high_priority") or d.get("consumer_goods"):
        return None
    hs6 = str(d.get("hs6") or d.get("declared_hs") or "")[:6]
    shared = _stems(description) & _entry_stems().get(hs6, set())
    if not shared:
        return None
    tier = f" (CHPL tier {d['chpl_tier']})" if d.get("chpl_tier") else ""
    return Finding(
        kind="controlled_item", severity="medium", subject=f.subject,
        evidence=(f"declared code {hs6}{tier} is on {', '.join(d.get('lists') or [])} and its list entry "
                  f"describes these goods (shared words: {', '.join(sorted(shared))}); not a consumer product"),
        basis=list(f.basis), details={**d, "recognised_by": ["hs_code", "entry_description"]},
    )


def goods_findings(screener: GoodsScreener, shipment: Shipment) -> list[Finding]:
    """Goods findings of every item (flagged or ``info``), each naming its item."""
    out: list[Finding] = []
    for i, item in enumerate(shipment.items):
        found = screener.screen_goods(item.description, hs_code=item.hs_code,
                                      manufacturer=item.manufacturer, part_number=item.part_number)
        if not any(flagged(f) for f in found):
            found = found + [p for f in found if (p := _high_priority_by_code(f, item.description))]
        for f in found:
            details: dict[str, Any] = dict(f.details)
            details["item_index"] = i
            out.append(Finding(kind=f.kind, severity=f.severity, subject=_label(i, item.description),
                               evidence=f.evidence, basis=list(f.basis), rule_id=f.rule_id, details=details))
    return out
