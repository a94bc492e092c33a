"""End-to-end in headless Chromium (Debian's, never a downloaded build): log in with an
analyst key, open a case from the queue, decide its alerts, close it, and find the
decision in the audit search.  Screenshots go to docs/screenshots/ when
UAVSCREEN_UPDATE_SCREENSHOTS=1 (the UI shows times and keys, so every run's pictures
differ), else to a temporary folder, so a test run leaves the tree clean."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.service.conftest import Live

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = (REPO / "docs" / "screenshots" if os.environ.get("UAVSCREEN_UPDATE_SCREENSHOTS") == "1"
         else Path(tempfile.mkdtemp(prefix="uavscreen-ui-shots-")))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Any:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_analyst_reviews_a_case_in_the_browser(live: Live, browser: Any, listed_company: str) -> None:
    with live.client("service") as svc:
        body = {"queries": {"q": {"schema": "Organization", "properties": {"name": [listed_company]}}}}
        case_id = svc.post("/match/default", json=body).json()["case_id"]
    assert case_id
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    # Nothing may be fetched from outside the loopback server (no CDN).
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live.base_url) else None)

    page.goto(f"{live.base_url}/ui/")
    assert page.url.endswith("/ui/login")
    page.fill("#key", live.keys["service"])
    page.click("button[type=submit]")
    assert "analyst or admin key" in page.inner_text("[role=alert]")
    page.fill("#key", live.keys["analyst"])
    page.screenshot(path=str(SHOTS / "01-login.png"))
    page.click("button[type=submit]")
    page.wait_for_selector("#queue")
    assert listed_company in page.inner_text("#queue")
    page.screenshot(path=str(SHOTS / "02-queue.png"), full_page=True)

    page.click(f"#queue a[href='/ui/cases/{case_id}'] >> nth=0")
    page.wait_for_selector("section.alert")
    assert listed_company in page.inner_text("section.alert >> nth=0")
    assert page.locator("table.explanation tbody tr").count() >= 1
    page.screenshot(path=str(SHOTS / "03-case.png"), full_page=True)

    for form in range(page.locator("form.decide").count()):
        alert = page.locator("section.alert").nth(form)
        alert_id = alert.get_attribute("id")
        alert.locator("input[value=true_positive]").check()
        alert.locator("textarea").fill("Same name and type as the UN listing; confirmed by compliance")
        alert.locator("button[type=submit]").click()
        page.wait_for_selector(f"#{alert_id} .badge.true_positive")  # swapped in place by htmx
    page.screenshot(path=str(SHOTS / "04-decided.png"), full_page=True)
    page.fill("#resolution", "Shipment stopped; reported")
    page.click("#close-case")
    page.wait_for_selector(".badge.closed")

    page.goto(f"{live.base_url}/ui/audit")
    assert "audit chain intact" in page.inner_text("#verify")
    page.fill("input[type=search]", "confirmed by compliance")
    page.wait_for_function("document.querySelectorAll('#audit-rows tr.audit-row').length >= 1 && "
                           "document.querySelector('#audit-rows').innerText.includes('case.decide')")
    page.screenshot(path=str(SHOTS / "05-audit.png"), full_page=True)

    page.goto(f"{live.base_url}/ui/lists")
    assert "un_sc" in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "06-lists.png"))
    assert outside == []
    page.close()
