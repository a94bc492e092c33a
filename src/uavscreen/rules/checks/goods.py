"""Items against the control lists, through the goods screen (``controlled_item`` /
``misdeclared_goods``).  Every finding is returned, ``info`` ones included, because red flags
read them (a CHPL code in a payment document, UAV-07); the verdict keeps only the flagged ones
(:func:`flagged`): ``info`` means "looked at, not flagged", and a CLEAR verdict on a phone
charger must not carry a controlled-item finding."""

from __future__ import annotations

from typing import Any, Protocol

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


def goods_findings(screener: GoodsScreener, shipment: Shipment) -> list[Finding]:
    """Goods findings of every item (flagged or ``info``), each naming its item."""
    out: list[Finding] = []
    for i, item in enumerate(shipment.items):
        for f in screener.screen_goods(item.description, hs_code=item.hs_code,
                                       manufacturer=item.manufacturer, part_number=item.part_number):
            details: dict[str, Any] = dict(f.details)
            details["item_index"] = i
            out.append(Finding(kind=f.kind, severity=f.severity, subject=_label(i, item.description),
                               evidence=f.evidence, basis=list(f.basis), rule_id=f.rule_id, details=details))
    return out
