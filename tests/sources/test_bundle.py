"""The bundled snapshots: exact official bytes, a truthful manifest, and the default
loader (installed lists first, bundled otherwise, sha256-checked)."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import LISTS
from uavscreen import Screener
from uavscreen.data import DATA_DIR, manifest
from uavscreen.sources import bundle
from uavscreen.sources.base import SourceError
from uavscreen.sources.fileio import open_binary
from uavscreen.sources.installed import installed_versions
from uavscreen.sources.update import load_local

FIXTURES = Path(__file__).parent / "fixtures"
ORIGINALS = {
    "ofac_sdn/2024-05-03/SDN.CSV.gz": LISTS / "ofac_sdn" / "2024-05-03" / "SDN.CSV",
    "ofac_cons/2025-12-19/CONS_PRIM.CSV.gz": LISTS / "ofac_cons" / "2025-12-19" / "CONS_PRIM.CSV",
    "ofac_cons/2025-12-19/CONS_ALT.CSV.gz": LISTS / "ofac_cons" / "2025-12-19" / "CONS_ALT.CSV",
    "ofac_cons/2025-12-19/CONS_ADD.CSV.gz": LISTS / "ofac_cons" / "2025-12-19" / "CONS_ADD.CSV",
    "ofac_cons/2025-12-19/CONS_COMMENTS.CSV.gz": LISTS / "ofac_cons" / "2025-12-19" / "CONS_COMMENTS.CSV",
    "un_sc/2026-02-27/consolidated.xml.gz": LISTS / "un_sc" / "2026-02-27" / "consolidated.xml",
    "uk_ofsi/2025-04-14/ConList.xlsx": LISTS / "uk" / "2025-04-14" / "ConList.xlsx",
    "us_csl/2022-05/consolidated.csv.gz": LISTS / "us_csl" / "2022-05" / "consolidated.csv.gz",
    "bis_dpl/2023-11/dpl.txt.gz": LISTS / "us_csl" / "bis_dpl_2023-11" / "dpl.txt",
}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _official(path: Path) -> bytes:
    with open_binary(path) as fh:
        return fh.read()


def _raw_counts() -> dict[str, int]:
    """Entity counts computed straight from the raw files, without the loaders."""
    sdn = (LISTS / "ofac_sdn" / "2024-05-03" / "SDN.CSV").read_bytes()
    prim = (LISTS / "ofac_cons" / "2025-12-19" / "CONS_PRIM.CSV").read_bytes()
    un = (LISTS / "un_sc" / "2026-02-27" / "consolidated.xml").read_bytes()
    csl = _official(LISTS / "us_csl" / "2022-05" / "consolidated.csv.gz").decode("utf-8")
    dpl = (LISTS / "us_csl" / "bis_dpl_2023-11" / "dpl.txt").read_text(encoding="latin-1")
    return {
        "ofac_sdn": len(re.findall(rb"^\d+,", sdn, flags=re.M)),
        "ofac_cons": len(re.findall(rb"^\d+,", prim, flags=re.M)),
        "un_sc": len(re.findall(rb"<(?:INDIVIDUAL|ENTITY)>", un)),
        "uk_ofsi": _uk_group_ids(),
        "us_csl": sum(1 for _ in csv.DictReader(io.StringIO(csl))),
        "bis_dpl": len({row[0].strip() for row in csv.reader(io.StringIO(dpl), delimiter="\t")} - {"Name"}),
    }


def _uk_group_ids() -> int:
    """Distinct Group IDs of the OFSI workbook (row 1 is 'Last Updated', row 2 the header)."""
    workbook = openpyxl.load_workbook(LISTS / "uk" / "2025-04-14" / "ConList.xlsx", read_only=True)
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    next(rows)
    column = list(next(rows)).index("Group ID")
    ids = {row[column] for row in rows if row[column] is not None}
    workbook.close()
    return len(ids)


def test_bundle_holds_the_exact_official_bytes() -> None:
    info = manifest("lists")
    assert set(info["files"]) == set(ORIGINALS)
    for rel, original in ORIGINALS.items():
        entry = info["files"][rel]
        stored = DATA_DIR / "lists" / rel
        assert _sha(stored.read_bytes()) == entry["sha256"], rel
        assert _sha(_official(stored)) == _sha(_official(original)) == entry["sha256_official"], rel
        assert entry["official_url"].startswith("https://"), rel
        assert entry["snapshot_date"] == rel.split("/")[1]
    assert info["files"]["ofac_sdn/2024-05-03/SDN.CSV.gz"]["sha256_official"] == (
        "210ca6b4a8187a34e0850be69ecc6e918f23ad7778b8b5b2f9c9d5fbbaf4e0cb"  # SOURCES.md
    )
    stored_sdn = gzip.decompress((DATA_DIR / "lists" / "ofac_sdn/2024-05-03/SDN.CSV.gz").read_bytes())
    assert stored_sdn.endswith(b"\x1a")  # the trailing Ctrl-Z byte survives


def test_manifest_counts_match_the_raw_files() -> None:
    sources = manifest("lists")["sources"]
    assert "opensanctions" not in sources  # CC BY-NC samples are not bundled
    assert {s: v["entity_count"] for s, v in sources.items()} == _raw_counts()


def test_default_loads_every_bundled_list(uavscreen_home: Path) -> None:
    dataset = bundle.load_default()
    assert dataset.versions == {
        "ofac_sdn": "2024-05-03", "ofac_cons": "2025-12-19", "un_sc": "2026-02-27",
        "uk_ofsi": "2025-04-14", "us_csl": "2022-05", "bis_dpl": "2023-11",
    }
    per_source: dict[str, int] = {}
    names: dict[str, int] = {}
    for e in dataset.entities:
        per_source[e.source] = per_source.get(e.source, 0) + 1
        names[e.source] = names.get(e.source, 0) + len(e.names)
    sources = manifest("lists")["sources"]
    assert per_source == {s: v["entity_count"] for s, v in sources.items()}
    assert names == {s: v["name_count"] for s, v in sources.items()}
    assert dataset.same_as["ofac_sdn:16418"] == ["us_csl:16418"]  # Qods Aviation Industries
    screener = Screener.default()
    assert screener.lists == dataset.versions


def test_status_without_installs_is_all_bundled(uavscreen_home: Path) -> None:
    states = bundle.current_states()
    assert {s.origin for s in states} == {"bundled"}
    un = next(s for s in states if s.source == "un_sc")
    assert un.to_dict()["stale"] is True and un.age_days() is not None and un.age_days() > 30


def test_installed_list_takes_precedence(uavscreen_home: Path) -> None:
    load_local(LISTS / "ofac_sdn" / "2021-07-07")
    states = {s.source: s for s in bundle.current_states()}
    assert (states["ofac_sdn"].origin, states["ofac_sdn"].version) == ("installed", "2021-07-07")
    assert states["un_sc"].origin == "bundled"
    dataset = bundle.load_default()
    assert dataset.versions["ofac_sdn"] == "2021-07-07"
    assert sum(e.source == "ofac_sdn" for e in dataset.entities) == 8976


def test_fcdo_install_supersedes_the_retired_bundled_ofsi_list(uavscreen_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "fcdo"
    folder.mkdir()
    shutil.copy(FIXTURES / "uk_fcdo_sample.xml", folder / "UK-Sanctions-List.xml")
    (result,) = load_local(folder)
    assert result.source == "uk_fcdo"
    sources = {s.source for s in bundle.current_states()}
    assert "uk_fcdo" in sources and "uk_ofsi" not in sources


def test_damaged_bundled_file_fails_loudly(uavscreen_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "lists"
    shutil.copytree(bundle.BUNDLE_DIR, copy)
    damaged = copy / "un_sc" / "2026-02-27" / "consolidated.xml.gz"
    damaged.write_bytes(damaged.read_bytes()[:-10])
    monkeypatch.setattr(bundle, "BUNDLE_DIR", copy)
    with pytest.raises(SourceError, match="does not match its recorded sha256") as err:
        bundle.load_default()
    assert err.value.file == str(damaged)


def test_damaged_installed_file_fails_loudly(uavscreen_home: Path) -> None:
    (result,) = load_local(LISTS / "un_sc" / "2026-02-27")
    (result.path / "consolidated.xml").write_bytes(b"<CONSOLIDATED_LIST/>")
    with pytest.raises(SourceError, match="installed list file does not match its recorded sha256"):
        bundle.load_default()
    assert installed_versions("un_sc")[0].path == result.path
