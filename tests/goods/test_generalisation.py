"""Recognisers generalise: lines never used to build the tables are answered right."""

import pytest

from tests.goods.lines import CLEAR, FLAG
from uavscreen.goods import screen_goods


def flagged(description: str, hs: str | None) -> bool:
    return any(f.severity != "info" for f in screen_goods(description, hs_code=hs))


@pytest.mark.parametrize(("description", "hs"), FLAG)
def test_controlled_lines_are_flagged(description: str, hs: str | None) -> None:
    assert flagged(description, hs)


@pytest.mark.parametrize(("description", "hs"), CLEAR)
def test_ordinary_and_near_miss_lines_are_not_flagged(description: str, hs: str | None) -> None:
    assert not flagged(description, hs)


def test_every_finding_cites_its_basis() -> None:
    for description, hs in FLAG + CLEAR:
        for f in screen_goods(description, hs_code=hs):
            assert f.basis, (description, f)
            assert f.kind in ("controlled_item", "misdeclared_goods")
            assert f.severity in ("info", "low", "medium", "high")
