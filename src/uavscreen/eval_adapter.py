"""Adapters for the scorers in the development kit (``score_names.py``,
``score_goods.py``, ``score_shipments.py``); see docs/evaluation.md."""

from __future__ import annotations

from typing import Any

from uavscreen.goods.screen import GoodsScreener
from uavscreen.model import Shipment, Verdict
from uavscreen.screener import Screener


def screener(index_dir: str) -> Screener:
    """Names scorer: one Screener per index folder."""
    return Screener.from_dir(index_dir)


class _ShipmentAdapter:
    def __init__(self) -> None:
        self.s = Screener.default()

    def screen(self, shipment: dict[str, Any]) -> Verdict:
        return self.s.screen(Shipment.model_validate(shipment))


def shipment_screener() -> _ShipmentAdapter:
    """Shipments scorer: bundled lists, one verdict per shipment."""
    return _ShipmentAdapter()


def goods_screener() -> GoodsScreener:
    """Goods scorer: the goods screen alone (no sanctions lists are loaded)."""
    from uavscreen.goods import default_screener

    return default_screener()
