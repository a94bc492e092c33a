"""screen_goods end to end: controlled items, near misses, disguised codes, citations."""

import pytest

from uavscreen.goods import InvalidHSCode, screen_goods
from uavscreen.model import Finding

DETAIL_KEYS = {"category", "hs6", "declared_hs", "lists", "chpl_tier", "high_priority", "recognised_by"}


def flagged(findings: list[Finding]) -> bool:
    return any(f.severity != "info" for f in findings)


def kinds(findings: list[Finding]) -> set[str]:
    return {f.kind for f in findings}


@pytest.mark.parametrize(("description", "hs", "category"), [
    ("STM32F407VGT6 microcontroller", "8542.31", "microcontroller"),
    ("Микроконтроллеры 32-разрядные, 10 000 шт.", "8542319000", "microcontroller"),
    ("Xilinx Artix-7 XC7A35T-1CPG236C, 100 pcs", None, "fpga"),
    ("u-blox NEO-M8N GPS modules, 1,000 pcs", "8526.91", "gnss_module"),
    ("Двигатели Rotax 912 ULS, 4 шт.", "8407100000", "engine"),
    ("二冲程双缸发动机 100cc 20台", None, "engine"),
    ("数字舵机 金属齿轮 2000个", None, "servo"),
    ("Caméras thermiques non refroidies, 12 pièces", None, "camera_thermal"),
    ("Karbon fiber kumaş 3K, 300 m2", None, "carbon_fiber"),
    ("ماژول GPS برای پهپاد، ۱۰۰ عدد", None, "gnss_module"),
    ("Anti-jam GNSS antenna array 7-element, 2 units", None, "crpa_antenna"),
    ("LiPo batteries 6S 22000mAh, 100 pcs", "8507.60", "battery"),
])
def test_controlled_items_are_flagged_with_category(description: str, hs: str | None, category: str) -> None:
    findings = screen_goods(description, hs_code=hs)
    assert flagged(findings)
    item = next(f for f in findings if f.kind == "controlled_item")
    assert item.details["category"] == category
    assert set(item.details) >= DETAIL_KEYS
    assert item.subject == description
    assert item.basis and all(isinstance(b, str) and b for b in item.basis)


@pytest.mark.parametrize(("description", "hs"), [
    ("Sewing machine servo motors 550 W, 200 pcs", "8501.52"),
    ("Servo voltage stabilisers 10 kVA for workshops", "8504.40"),
    ("Car GPS navigators 7 inch with maps, 500 pcs", "8526.91"),
    ("Lawn mower engines 4-stroke 160cc, 300 pcs", "8407.90"),
    ("Outboard motors 9.9 hp two-stroke for fishing boats", "8407.21"),
    ("Carbon fibre bicycle frames, 100 pcs", "8714.91"),
    ("Epoxy floor paint for garages, 2,000 kits", "3208.90"),
    ("Hoverboards self-balancing with gyroscope, 200 pcs", "8711.60"),
    ("Aircraft engine oil 15W-50, 1,000 L", "2710.19"),
    ("Potato chips salted 100 g, 3,000 cartons", "2005.20"),
    ("Walkie-talkies for kids, 1,000 pairs", "8517.62"),
])
def test_near_misses_are_not_flagged(description: str, hs: str) -> None:
    assert not flagged(screen_goods(description, hs_code=hs))


@pytest.mark.parametrize(("description", "hs"), [
    ("True wireless Bluetooth earbuds, 5,000 pcs", "8517.62"),
    ("Video doorbells Wi-Fi, 2,000 pcs", "8525.89"),
    ("Mesh Wi-Fi system for homes, 800 sets", "8517.62"),
])
def test_listed_code_on_consumer_goods_is_info_only(description: str, hs: str) -> None:
    findings = screen_goods(description, hs_code=hs)
    assert findings and {f.severity for f in findings} == {"info"}
    assert "chpl" in findings[0].details["lists"]
    assert findings[0].details["recognised_by"] == ["hs_code"]
    assert findings[0].basis


def test_listed_component_code_without_words_is_low() -> None:
    findings = screen_goods("Assorted goods, 10 cartons", hs_code="8542.39")
    assert [f.severity for f in findings] == ["low"]


def test_disguised_code_gives_misdeclared_finding_with_both_codes() -> None:
    findings = screen_goods("Toy spare parts: MCU STM32F103C8T6, 1,500 pcs", hs_code="9503.00")
    assert kinds(findings) == {"controlled_item", "misdeclared_goods"}
    mis = next(f for f in findings if f.kind == "misdeclared_goods")
    assert mis.details["declared_hs"] == "950300" and mis.details["expected_hs6"] == "854231"
    assert "9503.00" in mis.evidence and "8542.31" in mis.evidence
    assert mis.basis and mis.severity in ("medium", "high")


def test_honest_alternative_code_is_not_misdeclared() -> None:
    for hs in ("8542.31", "8542.39.0001", "8542"):
        assert "misdeclared_goods" not in kinds(screen_goods("FPGA XC7A35T, 100 pcs", hs_code=hs))


def test_engine_declared_as_refrigerator_part() -> None:
    findings = screen_goods("Refrigerator spare parts: boxer two-stroke engine 50 hp", hs_code="8418.99")
    mis = next(f for f in findings if f.kind == "misdeclared_goods")
    assert mis.details["category"] == "engine"


def test_part_number_and_manufacturer_fields() -> None:
    findings = screen_goods("Spare parts, 100 pcs", part_number="ADIS16470AMLZ")
    assert findings[0].details["category"] == "imu_gyro"
    assert findings[0].details["recognised_by"] == ["part_number"]
    assert findings[0].details["part_numbers"] == ["ADIS16470AMLZ"]
    findings = screen_goods("Engines, 2 units", manufacturer="Limbach Flugmotoren", hs_code="8407.10")
    assert findings[0].details["category"] == "engine"
    assert findings[0].details["recognised_by"] == ["manufacturer", "hs_code"]
    assert "Limbach Flugmotoren" in findings[0].details["manufacturers"]


def test_a_known_maker_alone_on_an_ordinary_line_is_not_enough() -> None:
    assert not flagged(screen_goods("Washing machines 8 kg, 100 pcs", manufacturer="Texas Instruments"))


def test_high_severity_and_tier_for_tier_one_items() -> None:
    item = screen_goods("Микроконтроллеры STM32F446RET6", hs_code=None)[0]
    assert item.severity == "high"
    assert item.details["chpl_tier"] == "1" and item.details["high_priority"] is True
    assert any("Common High Priority Items List" in b for b in item.basis)


def test_impossible_code_raises_a_user_error() -> None:
    with pytest.raises(InvalidHSCode, match="chapter 77"):
        screen_goods("Microcontrollers", hs_code="7712.00")


def test_empty_or_missing_code_is_no_code() -> None:
    assert screen_goods("Skimmed milk powder", hs_code="") == []
    assert screen_goods("Skimmed milk powder", hs_code=None) == []


def test_screener_facade_answers_without_any_list_loaded() -> None:
    from uavscreen import Screener
    from uavscreen.sources.base import Dataset

    screener = Screener(Dataset(entities=[], snapshots=[]))
    findings = screener.screen_goods("STM32F407 microcontroller", hs_code="854231")
    assert findings[0].details["category"] == "microcontroller"
    assert findings[0].details["recognised_by"] == ["description", "hs_code"]


def test_numeric_code_from_json_is_read_as_text() -> None:
    findings = screen_goods("Microcontrollers STM32, 100 pcs", hs_code=8542310000)  # type: ignore[arg-type]
    assert findings[0].details["declared_hs"] == "8542310000"
