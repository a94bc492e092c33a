"""The lexicon: morphology in six languages, word boundaries, scripts without spaces."""

import pytest

from uavscreen.goods.lexicon import Lexicon
from uavscreen.goods.screen import default_screener
from uavscreen.goods.text import normalise


def tags(text: str) -> set[str]:
    return set(default_screener().lexicon.scan(text).tags)


@pytest.mark.parametrize("text", [
    "микроконтроллер", "микроконтроллеры", "микроконтроллеров", "Микроконтроллерами",
    "microcontrôleurs", "microcontroleur", "mikrodenetleyiciler", "Mikrodenetleyicisi",
    "میکروکنترلرها", "单片机", "微控制器芯片", "MCUs", "microcontrollers",
])
def test_microcontroller_in_every_language_and_form(text: str) -> None:
    assert "mcu" in tags(text)


@pytest.mark.parametrize(("text", "tag"), [
    ("Сервоприводы", "servo"), ("сервомашинки", "servo"), ("舵机", "servo"), ("servomoteurs", "servo"),
    ("servoları", "servo"), ("سرووها", "servo"),
    ("беспилотников", "uav"), ("İHA için", "uav"), ("پهپادها", "uav"), ("无人机用", "uav"), ("drones", "uav"),
    ("двухтактный", "two_stroke"), ("iki zamanlı", "two_stroke"), ("deux-temps", "two_stroke"),
    ("二冲程", "two_stroke"), ("دو زمانه", "two_stroke"), ("2-stroke", "two_stroke"),
    ("печатные платы", "pcb"), ("печатных плат", "pcb"),
    ("Приёмопередатчики", "transceiver"), ("فرستنده‌گیرنده", "transceiver"), ("alıcı-verici", "transceiver"),
])
def test_tags_across_languages(text: str, tag: str) -> None:
    assert tag in tags(text)


def test_word_boundaries_are_respected() -> None:
    assert "ic" not in tags("music boxes, plastic, basic kit")
    assert "ic" in tags("IC, 5 pcs") and "ic" in tags("assorted ICs")
    assert "engine" not in tags("engineering services")
    assert "dcdc" not in tags("plastic buckets 10 L")
    assert "ic" not in tags("Чипсы картофельные")


def test_latin_term_right_after_chinese_text() -> None:
    assert "gnss" in tags("无人机GPS模块")
    assert "mcu" in tags("工业级MCU芯片")


def test_diacritics_and_letter_variants_do_not_matter() -> None:
    assert normalise("Приёмопередатчик") == normalise("Приемопередатчик")
    assert normalise("İHA") == "iha"
    assert normalise("مي\u200cکروکنترلر") == normalise("می کروکنترلر")
    assert normalise("۵۰ اسب") == "50 اسب"


def test_inner_stem_terms_and_patterns() -> None:
    lex = Lexicon([("печатн* плат*", "pcb", None), ("carbon", "c", None)],
                  {"count": (r"\d+k\b", ["c"])})
    scan = lex.scan("Печатных плат 10 шт")
    assert scan.tags == {"pcb": ["печатных плат"]}
    scan = lex.scan("carbon tow 12k")
    lex.measure(scan, set(scan.tags))
    assert scan.tags["count"] == ["12k"]
    scan = lex.scan("tow 12k")  # the pattern qualifies carbon only: not tried without it
    lex.measure(scan, set(scan.tags))
    assert "count" not in scan.tags
