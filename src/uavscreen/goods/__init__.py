"""Goods screening: HS codes, controlled-item lists, and recognition of controlled
components in invoice lines (words in six languages, part-number families, makers).

Public API: :func:`screen_goods`, :func:`parse_hs`, :class:`InvalidHSCode`,
:class:`GoodsScreener`."""

from uavscreen.goods.hs import HSCode, InvalidHSCode, parse_hs
from uavscreen.goods.screen import GoodsScreener, default_screener, screen_goods

__all__ = ["GoodsScreener", "HSCode", "InvalidHSCode", "default_screener", "parse_hs", "screen_goods"]
