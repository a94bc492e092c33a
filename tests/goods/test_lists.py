"""Every entry of every bundled controlled-item list is reachable by its code, and a
line carrying that code is answered with a finding that cites the list."""

import pytest
import yaml

from tests.conftest import CONTROLS
from uavscreen.goods import screen_goods
from uavscreen.goods.screen import default_screener

_TABLE = yaml.safe_load((CONTROLS / "hs_lists.yaml").read_text(encoding="utf-8"))
ENTRIES = [(lst["id"], str(e["hs"])) for lst in _TABLE["lists"] for e in (lst.get("entries") or [])]


def test_the_curated_lists_are_all_bundled() -> None:
    lists = default_screener().lists
    assert {lst["id"] for lst in _TABLE["lists"]} == set(lists.names)
    assert len(lists.entries) == len(ENTRIES) > 100


@pytest.mark.parametrize(("list_id", "hs"), ENTRIES, ids=[f"{a}:{b}" for a, b in ENTRIES])
def test_entry_reachable_by_its_code(list_id: str, hs: str) -> None:
    lists = default_screener().lists
    national = hs.ljust(10, "0") if len(hs) == 6 else hs + "10"  # a national line under the entry
    for code in (hs, national):
        assert list_id in {e.list_id for e in lists.lookup(code)}, code
    findings = screen_goods("Assorted goods, 10 cartons", hs_code=national)
    assert findings, national
    assert all(f.basis for f in findings)
    listed = [f for f in findings if list_id in f.details["declared_lists"]]
    assert listed, (list_id, national)
    assert any(_TABLE_NAMES[list_id] in cite for f in listed for cite in f.basis)


_TABLE_NAMES = {lst["id"]: lst["name"] for lst in _TABLE["lists"]}


def test_code_outside_every_list_gives_nothing() -> None:
    assert screen_goods("Skimmed milk powder 25 kg bags", hs_code="0402.10") == []
