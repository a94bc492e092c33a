"""Fixtures for shipment screening tests: one real Screener over the bundled lists, and a
plain, unremarkable shipment that each test changes in one respect."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from uavscreen import Screener
from uavscreen.model import Shipment, Verdict
from uavscreen.screening import screen

BASE: dict[str, Any] = {
    "id": "T-1",
    "date": "2025-06-01",
    "parties": [
        {"role": "buyer", "name": "Brenner Fahrzeugelektronik GmbH", "country": "DE",
         "address": "Im Gewerbepark D 75, 93059 Regensburg"},
        {"role": "consignee", "name": "Brenner Fahrzeugelektronik GmbH", "country": "DE",
         "address": "Im Gewerbepark D 75, 93059 Regensburg"},
        {"role": "end_user", "name": "Brenner Fahrzeugelektronik GmbH", "country": "DE",
         "address": "Im Gewerbepark D 75, 93059 Regensburg"},
    ],
    "items": [{"description": "32-bit automotive microcontrollers, TriCore, 300 MHz, LQFP-176", "hs_code": "8542.31",
               "manufacturer": "Infineon Technologies AG", "part_number": "SAK-TC397XX-256F300S",
               "quantity": 25000, "value": 412500, "currency": "EUR", "origin_country": "MY"}],
    "route": [{"from": "MYPEN", "to": "DEFRA", "mode": "air"}],
    "payment": {"method": "wire", "payer_country": "DE"},
    "end_use": "Series production of engine control units for passenger cars",
}

BENIGN_ITEM: dict[str, Any] = {"description": "Solid oak dining tables 180 x 90 cm", "hs_code": "9403.60",
                               "quantity": 120, "value": 38400, "currency": "EUR", "origin_country": "PL"}


def shipment(**changes: Any) -> dict[str, Any]:
    """A copy of the base shipment with top-level keys replaced."""
    s = copy.deepcopy(BASE)
    s.update(copy.deepcopy(changes))
    return s


def party(role: str, name: str, country: str | None, address: str | None = None, **kw: Any) -> dict[str, Any]:
    return {"role": role, "name": name, "country": country, "address": address, **kw}


@pytest.fixture(scope="session")
def screener() -> Screener:
    return Screener.default()


@pytest.fixture(scope="session")
def run(screener: Screener) -> Any:
    def _run(raw: dict[str, Any]) -> Verdict:
        return screen(screener, Shipment.model_validate(raw))
    return _run


def rule_ids(v: Verdict) -> set[str]:
    return {f.rule_id for f in v.findings if f.rule_id}


def kinds(v: Verdict) -> set[str]:
    return {f.kind for f in v.findings}
