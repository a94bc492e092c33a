"""The HTML report: complete, escaped, self-contained."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import lxml.html
import pytest

from tests.report.sample_results import XSS, XSS_IMG, Result
from uavscreen.errors import InputError
from uavscreen.report import render_html, write_report

WHEN = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


@pytest.fixture()
def html(results: list[Result], input_errors: list[InputError]) -> str:
    return render_html(results, input_errors, generated_at=WHEN)


def test_summary_counts_lists_policy_and_time(html: str) -> None:
    doc = lxml.html.fromstring(html)
    counts = {el.get("data-count"): el.findtext("b") for el in doc.cssselect("[data-count]")}
    assert counts == {"BLOCK": "1", "REVIEW": "2", "CLEAR": "2"}
    lists = [[td.text_content() for td in tr.cssselect("td")] for tr in doc.cssselect("table.lists tbody tr")]
    assert lists == [["ofac_sdn", "2024-05-03"], ["uk_ofsi", "2025-04-14"], ["un_sc", "2026-02-27"],
                     ["us_csl", "2022-05"]]
    assert "2026-11-25 09:30:00 UTC" in html
    assert "policy default" in html


def test_one_section_per_shipment_with_every_finding(html: str, results: list[Result]) -> None:
    doc = lxml.html.fromstring(html)
    sections = doc.cssselect("section.shipment")
    assert [s.get("data-decision") for s in sections] == [v.decision.value for _, v in results]
    for section, (shipment, verdict) in zip(sections, results, strict=True):
        assert section.cssselect("h2")[0].text_content() == shipment.id
        rows = section.cssselect("tr.finding")
        assert [r.get("data-kind") for r in rows] == [f.kind for f in verdict.findings]
        for row, finding in zip(rows, verdict.findings, strict=True):
            text = row.text_content()
            assert finding.severity in text and finding.subject in text and finding.evidence in text
            assert all(b in text for b in finding.basis)
            assert (finding.rule_id or "") in text
        assert len(section.cssselect("table.route tbody tr")) == len(shipment.route)


def test_party_match_shows_query_against_listed_name_and_explanation(html: str) -> None:
    doc = lxml.html.fromstring(html)
    row = doc.cssselect('#shipment-1 tr.finding[data-kind="party_match"]')[0]
    pair = [el.text_content().strip() for el in row.cssselect(".vs span")]
    assert pair[:2] == ["query", "Qods Aviation Industries"]
    assert pair[2] == "listed" and pair[3].startswith("QODS AVIATION INDUSTRIES ofac_sdn:8977")
    explanation = row.cssselect("details")[0].text_content()
    assert "name_jaro_winkler" in explanation and "qods aviation industries = qods aviation industries" in explanation


def test_unreadable_rows_are_listed(html: str) -> None:
    doc = lxml.html.fromstring(html)
    rows = [[td.text_content() for td in tr.cssselect("td")] for tr in doc.cssselect("tr.input-error")]
    assert rows[0] == ["orders.csv", "row 7, column hs_code", "impossible HS code '9999.99'"]
    assert len(rows) == 2


def test_user_text_is_escaped(html: str) -> None:
    assert XSS not in html and XSS_IMG not in html and "<svg onload" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    doc = lxml.html.fromstring(html)
    # the only script is the report's own filter; no element carries an event handler
    assert len(doc.cssselect("script")) == 1
    assert not [el for el in doc.iter() if any(a.startswith("on") for a in getattr(el, "attrib", {}))]
    hostile = doc.cssselect("#shipment-4")[0]
    assert XSS in hostile.cssselect("table.parties")[0].text_content()  # shown, as text


def test_no_external_resource_is_referenced(html: str) -> None:
    doc = lxml.html.fromstring(html)
    refs = [v for el in doc.iter() for k, v in getattr(el, "attrib", {}).items()
            if k in ("src", "href", "xlink:href", "action", "data", "poster")]
    assert refs, "the index links to the sections"
    assert all(r.startswith("#") for r in refs), refs
    assert not doc.cssselect("link, iframe, object, embed, img, video, audio")
    style = "".join(el.text_content() for el in doc.cssselect("style"))
    assert "@import" not in style
    assert all(u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", html))
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)


def test_route_map_marks_caspian_and_embargoed_legs(html: str) -> None:
    doc = lxml.html.fromstring(html)
    caspian = doc.cssselect("#shipment-2 svg.route-map line.leg")
    assert [(x.get("data-from"), x.get("data-to"), x.get("class")) for x in caspian] == [
        ("IRAMD", "RUMCX", "leg leg-caspian")]
    hub = doc.cssselect("#shipment-1 svg.route-map line.leg")
    assert [(x.get("data-to"), x.get("class")) for x in hub] == [
        ("AEJEA", "leg leg-normal"), ("IRBND", "leg leg-embargoed")]
    assert doc.cssselect("#shipment-1 svg.route-map path.country-embargoed title")[0].text == "Iran"
    ports = doc.cssselect("#shipment-1 svg.route-map circle.port")
    assert [p.get("data-locode") for p in ports] == ["DEHAM", "AEJEA", "IRBND"]
    labels = [t.text for t in doc.cssselect("#shipment-1 svg.route-map g.ports text")]
    assert labels == ["DEHAM", "AEJEA", "IRBND"]


def test_the_report_file_is_one_self_contained_document(tmp_path: Path, results: list[Result]) -> None:
    out = tmp_path / "report.html"
    write_report(results, out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert text.count("<svg") == len(results)
