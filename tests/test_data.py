"""Bundled control tables equal the curated originals, byte for byte once decompressed."""

import hashlib

import pytest

from tests.conftest import CONTROLS
from uavscreen.data import control_table, manifest


@pytest.mark.parametrize("name", ["hs_lists", "red_flags", "jurisdictions", "caspian_ports", "designated_entities"])
def test_control_table_matches_shared(name: str) -> None:
    entry = manifest("controls")["files"][f"{name}.yaml.gz"]
    raw = (CONTROLS / f"{name}.yaml").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == entry["sha256_uncompressed"]
    assert isinstance(control_table(name), dict)
