"""Misdeclaration: the description names a controlled category, the declared code
points elsewhere (engines as refrigerator parts, MCUs as toy parts).

The check is deliberately one-sided: a category is only inferred from clear
evidence (words, part families, makers), and a declared code that is an honest
alternative classification of any recognised category (``accept`` in
``categories.yaml``) is never called wrong."""

from __future__ import annotations

from uavscreen.goods.categories import Category
from uavscreen.goods.hs import HSCode


def misdeclared_against(categories: list[Category], declared: HSCode) -> Category | None:
    """The recognised category the declared code contradicts, or None when the code
    fits at least one recognised category (generic categories never count)."""
    specific = [c for c in categories if not c.generic]
    if not specific or any(c.accepts(declared.digits) for c in specific):
        return None
    return specific[0]
