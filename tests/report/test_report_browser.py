"""The HTML report in real headless Chromium: it renders offline, the Caspian leg is
highlighted on the map, the filter works; a screenshot is kept for the docs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import REPO
from tests.report.sample_results import Result, caspian, iran_via_hub, ordinary_trade
from uavscreen.errors import InputError
from uavscreen.report import render_html

CHROMIUM = Path("/usr/bin/chromium")  # Debian's; Playwright must never download a browser
SCREENSHOT = REPO / "docs" / "screenshots" / "report.png"
CASPIAN_ORANGE = "rgb(247, 103, 7)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "install Debian's chromium (apt-get install -y chromium), as .ci/run does"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture()
def page(browser: Browser, tmp_path: Path) -> Iterator[Page]:
    results: list[Result] = [caspian(), iran_via_hub(), ordinary_trade()]
    errors = [InputError("orders.csv", "row 7, column hs_code", "impossible HS code '9999.99'")]
    report = tmp_path / "report.html"
    # a fixed time keeps the screenshot byte-stable between runs
    report.write_text(render_html(results, errors, generated_at=dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)),
                      encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    yield page
    assert [u for u in requests if not u.startswith("file://")] == []  # nothing fetched
    page.close()


def test_caspian_leg_is_drawn_highlighted(page: Page) -> None:
    leg = page.locator("#shipment-1 svg.route-map line.leg-caspian")
    assert leg.count() == 1
    box = leg.bounding_box()
    assert box is not None and box.get("width", 0) > 20 and box.get("height", 0) > 20
    assert leg.evaluate("el => getComputedStyle(el).stroke") == CASPIAN_ORANGE
    assert float(leg.evaluate("el => parseFloat(getComputedStyle(el).strokeWidth)")) >= 4
    map_box = page.locator("#shipment-1 svg.route-map").bounding_box()
    assert map_box is not None and map_box["width"] >= 600 and map_box["height"] > 250
    # the countries are painted: Iran's outline has an area on screen
    iran = page.locator("#shipment-1 svg.route-map path.country-embargoed").first.bounding_box()
    assert iran is not None and iran["width"] * iran["height"] > 1000
    assert page.locator("#shipment-1 svg.route-map g.ports text").all_text_contents() == ["IRAMD", "RUMCX"]
    embargoed = page.locator("#shipment-2 svg.route-map line.leg-embargoed")
    assert embargoed.evaluate("el => getComputedStyle(el).stroke") == "rgb(201, 42, 42)"


def test_decision_filter_hides_sections(page: Page) -> None:
    clear = page.locator("section.shipment[data-decision=CLEAR]")
    assert clear.is_visible()
    page.locator("input.decision-filter[value=CLEAR]").uncheck()
    assert not clear.is_visible()
    assert page.locator("section.shipment[data-decision=BLOCK]").is_visible()


def test_screenshot_for_the_docs(page: Page) -> None:
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.locator("#input-errors").evaluate("el => el.scrollIntoView()")
    page.screenshot(path=str(SCREENSHOT), clip={"x": 0, "y": 0, "width": 1280, "height": 2100},
                    full_page=True)
    assert SCREENSHOT.stat().st_size > 50_000
    assert SCREENSHOT.stat().st_mtime > dt.datetime.now().timestamp() - 60
