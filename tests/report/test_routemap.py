"""Route-map geometry: which legs are highlighted, where ports go, what is drawn."""

from __future__ import annotations

from uavscreen.model import Finding, Leg
from uavscreen.report.clip import clip_ring
from uavscreen.report.geoshapes import country_centroid, country_shape, country_shapes
from uavscreen.report.legs import LegStyle, leg_styles, legs_named
from uavscreen.report.positions import locate
from uavscreen.report.routemap import route_map


def legs(*pairs: tuple[str, str]) -> list[Leg]:
    return [Leg.model_validate({"from": a, "to": b, "mode": "sea"}) for a, b in pairs]


HUB_TO_CASPIAN = legs(("CNSHA", "AEJEA"), ("AEJEA", "IRBND"), ("IRAMD", "RUMCX"))


def test_a_finding_points_at_its_leg_as_screening_writes_it() -> None:
    # the shape of uavscreen.rules.checks.route's findings: details["leg"] is 0-based
    corridor = Finding("caspian_corridor", "high", "leg 3 IRAMD → RUMCX", "corridor", details={"leg": 2})
    assert legs_named(corridor, HUB_TO_CASPIAN) == [2]
    into_iran = Finding("embargoed_destination", "critical", "leg 2 → IRBND", "ends in Iran",
                        details={"country": "IR", "leg": 1})
    assert legs_named(into_iran, HUB_TO_CASPIAN) == [1]
    out_of_range = Finding("caspian_corridor", "high", "IRAMD RUMCX", "", details={"leg": 7})
    assert legs_named(out_of_range, HUB_TO_CASPIAN) == [2]  # falls back to the words


def test_a_finding_names_the_leg_by_both_ends_else_by_destination() -> None:
    both = Finding("caspian_corridor", "high", "route", "Sea leg IRAMD → RUMCX across the Caspian")
    assert legs_named(both, HUB_TO_CASPIAN) == [2]
    details = Finding("caspian_corridor", "high", "leg 3", "Caspian crossing", details={"to": "RUMCX"})
    assert legs_named(details, HUB_TO_CASPIAN) == [2]
    spaced = Finding("caspian_corridor", "high", "route", "reaches rumcx")
    assert legs_named(spaced, legs(("IR AMD", "RU MCX"))) == [0]
    assert legs_named(Finding("red_flag", "low", "buyer", "no LOCODE here"), HUB_TO_CASPIAN) == []


def test_leg_styles_caspian_over_embargoed_over_normal() -> None:
    findings = [Finding("caspian_corridor", "high", "leg 3: IRAMD → RUMCX", "corridor"),
                Finding("red_flag", "high", "leg 1: CNSHA → AEJEA", "not a highlighting kind")]
    assert leg_styles(HUB_TO_CASPIAN, findings) == [LegStyle.NORMAL, LegStyle.EMBARGOED, LegStyle.CASPIAN]
    back = legs(("RUMCX", "IRAMD"))  # into Iran *and* the corridor: the corridor is shown
    assert leg_styles(back, [Finding("caspian_corridor", "high", "RUMCX-IRAMD", "")]) == [LegStyle.CASPIAN]
    cuba = legs(("USMIA", "CUMAR"))  # embargoed destination even with no finding naming it
    assert leg_styles(cuba, []) == [LegStyle.EMBARGOED]
    region = Finding("sanctioned_region", "critical", "leg 1", "to Sevastopol UASVP", details={"to": "UASVP"})
    assert leg_styles(legs(("TRIST", "UASVP")), [region]) == [LegStyle.EMBARGOED]


def test_ports_from_the_ports_table_else_the_country_centroid() -> None:
    amirabad = locate("IRAMD")
    assert amirabad is not None and amirabad.exact and amirabad.name
    assert (round(amirabad.lat, 1), round(amirabad.lon, 1)) == (36.8, 53.4)
    approx = locate("BR ZZZ")  # well-formed, not in the table: Brazil's centroid
    assert approx is not None and not approx.exact and approx.locode == "BRZZZ"
    assert (approx.lon, approx.lat) == country_centroid("BR")
    assert locate("Tehran") is None and locate("") is None and locate(None) is None


def test_map_is_cropped_to_the_route_with_every_port_inside() -> None:
    m = route_map(HUB_TO_CASPIAN, [LegStyle.NORMAL, LegStyle.EMBARGOED, LegStyle.CASPIAN])
    assert m is not None
    assert [p.locode for p in m.ports] == ["CNSHA", "AEJEA", "IRBND", "IRAMD", "RUMCX"]
    assert all(0 < p.x < m.width and 0 < p.y < m.height for p in m.ports)
    assert [(leg.number, leg.start, leg.end, leg.style) for leg in m.legs] == [
        (1, "CNSHA", "AEJEA", LegStyle.NORMAL), (2, "AEJEA", "IRBND", LegStyle.EMBARGOED),
        (3, "IRAMD", "RUMCX", LegStyle.CASPIAN)]
    drawn = {c.iso2 for c in m.countries}
    assert {"CN", "AE", "IR", "RU", "KZ"} <= drawn
    assert not {"BR", "US", "AU"} & drawn
    assert next(c for c in m.countries if c.iso2 == "IR").embargoed
    assert not next(c for c in m.countries if c.iso2 == "CN").embargoed
    assert 1.2 <= m.width / m.height <= 2.3


def test_short_route_gets_a_minimum_extent() -> None:
    m = route_map(legs(("IRAMD", "IRNSH")), [LegStyle.NORMAL])
    assert m is not None
    west, south, east, north = m.bounds
    assert east - west >= 8 and north - south >= 4


def test_trans_pacific_leg_crosses_the_antimeridian() -> None:
    m = route_map(legs(("COCTG", "JPYOK")), [LegStyle.NORMAL])
    assert m is not None
    west, _, east, _ = m.bounds
    assert east - west < 250  # the short way, not across Africa and Asia
    assert all(0 < p.x < m.width for p in m.ports)
    assert {"JP", "CO", "US"} <= {c.iso2 for c in m.countries}


def test_unplaceable_ends_are_reported_not_dropped() -> None:
    m = route_map(legs(("AEJEA", "Bandar Abbas")), [LegStyle.NORMAL])
    assert m is not None
    assert m.unplaced == ("BANDAR ABBAS",)
    assert m.legs == ()
    assert route_map(legs(("nowhere", "?")), [LegStyle.NORMAL]) is None
    assert route_map([], []) is None


def test_bundled_shapes() -> None:
    shapes = country_shapes()
    assert len(shapes) == 177
    iran = country_shape("ir")
    assert iran is not None and iran.name == "Iran"
    west, south, east, north = iran.bbox
    assert west < 51.4 < east and south < 35.7 < north  # Tehran
    for shape in shapes:
        if shape.iso2 == "AQ":
            continue  # a ring around the pole: its jump runs along the map edge
        for ring in shape.rings:
            assert all(abs(a[0] - b[0]) < 180 for a, b in zip(ring, ring[1:], strict=False)), shape.name
    assert country_shape("HK") is None and country_centroid("HK") is not None  # small state: centroid only


def test_clip_ring_keeps_the_part_inside() -> None:
    square = [(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)]
    assert sorted(clip_ring(square, 0, 0, 100, 100)) == [(0.0, 0.0), (0.0, 10.0), (10.0, 0.0), (10.0, 10.0)]
    assert clip_ring(square, 50, 50, 100, 100) == []
    assert sorted(clip_ring(square, -20, -20, 20, 20)) == sorted(square)
