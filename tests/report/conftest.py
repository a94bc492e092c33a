"""Fixtures for the report tests: the sample results and some unreadable rows."""

from __future__ import annotations

import pytest

from tests.report.sample_results import (
    XSS,
    Result,
    caspian,
    hostile,
    iran_via_hub,
    ordinary_trade,
    trans_pacific,
)
from uavscreen.errors import InputError


@pytest.fixture()
def results() -> list[Result]:
    return [iran_via_hub(), caspian(), ordinary_trade(), hostile(), trans_pacific()]


@pytest.fixture()
def input_errors() -> list[InputError]:
    return [InputError("orders.csv", "row 7, column hs_code", "impossible HS code '9999.99'"),
            InputError("orders.csv", "row 12, column country", f"unknown country {XSS!r}")]
