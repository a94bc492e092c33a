"""fileio: transparent .gz/.zip reading of real list files, and zip-bomb refusal."""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pytest

from tests.conftest import LISTS
from uavscreen.sources.base import SourceError
from uavscreen.sources.fileio import logical_name, open_binary, read_head

UN_FILE = LISTS / "un_sc" / "2026-02-27" / "consolidated.xml"
ENHANCED_ZIP = LISTS / "ofac_cons" / "2025-01-10" / "CONS_ENHANCED.ZIP"
CSL_GZ = LISTS / "us_csl" / "2022-05" / "consolidated.csv.gz"


def test_plain_file_is_read_as_is() -> None:
    with open_binary(UN_FILE) as fh:
        assert fh.read() == UN_FILE.read_bytes()


def test_gz_is_decompressed(tmp_path: Path) -> None:
    packed = tmp_path / "consolidated.xml.gz"
    packed.write_bytes(gzip.compress(UN_FILE.read_bytes()))
    with open_binary(packed) as fh:
        assert fh.read() == UN_FILE.read_bytes()
    assert read_head(packed, 100) == UN_FILE.read_bytes()[:100]
    assert read_head(CSL_GZ, 20) == b"_id,source,entity_nu"


def test_zip_yields_its_single_list_member() -> None:
    with zipfile.ZipFile(ENHANCED_ZIP) as archive:
        expected = archive.read("CONS_ENHANCED.XML")
    with open_binary(ENHANCED_ZIP) as fh:
        assert fh.read() == expected
    assert read_head(ENHANCED_ZIP).startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<sanctionsData')


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("SDN.XML", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(SourceError, match="zip bomb") as err:
        open_binary(bomb)
    assert err.value.file == str(bomb)
    assert err.value.location == "member SDN.XML"


def test_zip_with_several_lists_is_refused(tmp_path: Path) -> None:
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.xml", b"<a/>")
        archive.writestr("b.xml", b"<b/>")
    with pytest.raises(SourceError, match="exactly one list file, found: a.xml, b.xml"):
        open_binary(two)


def test_garbage_zip_and_truncated_gz_are_located_errors(tmp_path: Path) -> None:
    garbage = tmp_path / "CONS_ENHANCED.ZIP"
    garbage.write_bytes(b"this is not a zip")
    with pytest.raises(SourceError, match="not a readable zip archive"):
        read_head(garbage)
    truncated = tmp_path / "consolidated.xml.gz"
    truncated.write_bytes(gzip.compress(UN_FILE.read_bytes())[:5000])
    with pytest.raises(SourceError, match="cannot read") as err:
        read_head(truncated, 10_000_000)
    assert err.value.file == str(truncated)


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot open"):
        open_binary(tmp_path / "nope.xml")


def test_logical_name() -> None:
    assert logical_name(Path("SDN.CSV.gz")) == "SDN.CSV"
    assert logical_name(Path("ConList.xlsx")) == "ConList.xlsx"
