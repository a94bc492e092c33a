"""HS code parsing: every way invoices write a code, and clear errors for impossible ones."""

import pytest

from uavscreen.errors import UserError
from uavscreen.goods import InvalidHSCode, parse_hs


@pytest.mark.parametrize(("written", "digits", "hs6", "level"), [
    ("8542.31", "854231", "854231", "subheading"),
    ("854231", "854231", "854231", "subheading"),
    ("8542310000", "8542310000", "854231", "national"),
    ("8542.31.0001", "8542310001", "854231", "national"),
    ("8542 31 90 00", "8542319000", "854231", "national"),
    (" 8526.91.00 ", "85269100", "852691", "national"),
    ("8411", "8411", None, "heading"),
    ("85", "85", None, "chapter"),
    ("9503.00", "950300", "950300", "subheading"),
    ("HS 8542.31", "854231", "854231", "subheading"),
    ("ТН ВЭД 8542310000", "8542310000", "854231", "national"),
    ("ex 8411", "8411", None, "heading"),
    ("HTS: 8526.91.0020", "8526910020", "852691", "national"),
])
def test_accepts_written_forms(written: str, digits: str, hs6: str | None, level: str) -> None:
    code = parse_hs(written)
    assert code.digits == digits
    assert code.hs6 == hs6
    assert code.level == level
    assert code.chapter == digits[:2]


def test_dotted_and_falls_under() -> None:
    code = parse_hs("8542310001")
    assert code.dotted() == "8542.31.00.01"
    assert code.falls_under("854231") and code.falls_under("8542") and not code.falls_under("854232")


@pytest.mark.parametrize(("written", "reason"), [
    ("85A2.31", "found 'A'"),
    ("8542,31", "found ','"),
    ("", "empty"),
    ("   ", "empty"),
    ("854", "3 digits"),
    ("85423", "5 digits"),
    ("85423100001", "11 digits"),
    ("7701.10", "chapter 77"),
    ("9901.00", "chapter 99"),
    ("0012.34", "chapter 00"),
    ("8500.10", "heading 8500"),
    ("854 231", "first digit group"),
    ("HS", "empty"),
    ("hexagon 8542", "found 'h'"),
])
def test_rejects_impossible_codes_with_reason(written: str, reason: str) -> None:
    with pytest.raises(InvalidHSCode) as err:
        parse_hs(written)
    assert reason in str(err.value)
    assert isinstance(err.value, UserError)
    assert err.value.code == written
