"""Discovery over the real list tree and the eval indexes (git symlink stubs), real
symlinks, compressed copies, unrecognised files and the newest-snapshot rule."""

from __future__ import annotations

import gzip
import logging
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import EVAL, LISTS
from uavscreen import Screener
from uavscreen.errors import UserError
from uavscreen.sources.base import SourceError
from uavscreen.sources.discover import (
    FORMAT_MODULES,
    find_snapshots,
    folder_version,
    format_modules,
    group_snapshots,
    iter_files,
    load_dir,
    symlink_stub_target,
)

UN_FILE = LISTS / "un_sc" / "2026-02-27" / "consolidated.xml"


def test_every_format_module_is_importable() -> None:
    assert [m.__name__.rsplit(".", 1)[1] for m in format_modules()] == list(FORMAT_MODULES)
    names = [m.NAME for m in format_modules()]
    assert len(set(names)) == len(names)


def test_newest_snapshot_per_source_in_the_real_tree(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="uavscreen.sources.discover")
    snapshots = find_snapshots(LISTS)
    got = {s.source: (s.format, s.version, sorted(f.name for f in s.files)) for s in snapshots}
    assert got == {
        "ofac_sdn": ("ofac_csv", "2024-05-03", ["SDN.CSV"]),
        "ofac_cons": ("ofac_csv", "2025-12-19", ["CONS_ADD.CSV", "CONS_ALT.CSV", "CONS_COMMENTS.CSV", "CONS_PRIM.CSV"]),
        "un_sc": ("un_xml", "2026-02-27", ["consolidated.xml"]),
        "uk_ofsi": ("uk_ofsi", "2025-04-14", ["ConList.xlsx"]),
        "us_csl": ("csl", "2022-05", ["consolidated.csv.gz"]),
        "bis_dpl": ("dpl", "2023-11", ["dpl.txt"]),
        "opensanctions": ("ftm", got["opensanctions"][1], ["entities.ftm.json"]),
    }
    skipped = [r.getMessage() for r in caplog.records if "skipped older snapshot" in r.getMessage()]
    assert any(m.startswith("ofac_sdn: using 2024-05-03") and "2021-07-07" in m for m in skipped)
    assert sum(m.startswith("ofac_cons: using 2025-12-19") for m in skipped) == 2  # XML and Enhanced ZIP


def test_all_snapshots_keep_each_folder_together() -> None:
    snapshots = find_snapshots(LISTS, newest_only=False)
    by_key = {(s.source, s.version): s for s in snapshots}
    legacy = by_key[("ofac_sdn", "2021-07-07")]
    assert sorted(f.name for f in legacy.files) == ["ADD.CSV", "ALT.CSV", "SDN.CSV", "SDN_COMMENTS.CSV"]
    assert {s.format for s in snapshots if s.source == "ofac_cons"} == {"ofac_csv", "ofac_xml", "ofac_enhanced"}
    # versions written inside the files win over folder names
    assert ("ofac_cons", "2025-03-28") in by_key and ("ofac_cons", "2025-01-10") in by_key


def test_eval_indexes_are_git_symlink_stubs_and_are_followed() -> None:
    stub = EVAL / "indexes" / "full" / "un_sc" / "2026-02-27"
    assert stub.is_file()  # this checkout stores the symlink as a text file
    assert symlink_stub_target(stub) == (LISTS / "un_sc" / "2026-02-27").resolve()
    snapshots = find_snapshots(EVAL / "indexes" / "full")
    assert {s.source: s.version for s in snapshots} == {
        "ofac_sdn": "2024-05-03", "ofac_cons": "2025-12-19", "un_sc": "2026-02-27",
        "uk_ofsi": "2025-04-14", "us_csl": "2022-05",
    }
    legacy = find_snapshots(EVAL / "indexes" / "ofac_sdn_2021")
    assert [(s.source, s.version, len(s.files)) for s in legacy] == [("ofac_sdn", "2021-07-07", 4)]


def test_real_symlinks_and_cycles(tmp_path: Path) -> None:
    index = tmp_path / "index" / "un"
    index.mkdir(parents=True)
    os.symlink(UN_FILE.parent, index / "2026-02-27")
    os.symlink(tmp_path / "index", index / "loop")  # a cycle must not hang
    files = list(iter_files(tmp_path / "index"))
    assert [f.name for f in files] == ["consolidated.xml"]
    assert [(s.source, s.version) for s in find_snapshots(tmp_path / "index")] == [("un_sc", "2026-02-27")]


def test_gzip_copy_is_recognised_by_content(tmp_path: Path) -> None:
    folder = tmp_path / "whatever-name"  # folder names say nothing
    folder.mkdir()
    (folder / "consolidated.xml.gz").write_bytes(gzip.compress(UN_FILE.read_bytes()))
    dataset = load_dir(tmp_path, use_cache=False)
    assert dataset.versions == {"un_sc": "2026-02-27"}  # from dateGenerated inside the file
    assert len(dataset.entities) == len(re.findall(rb"<(?:INDIVIDUAL|ENTITY)>", UN_FILE.read_bytes()))


def test_unrecognised_files_are_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    shutil.copy(UN_FILE, tmp_path / "consolidated.xml")
    (tmp_path / "notes.txt").write_text("my notes\n")
    (tmp_path / "SDN.CSV").write_text("this is not an OFAC file\n")
    with caplog.at_level(logging.WARNING):
        snapshots = find_snapshots(tmp_path)
    assert [s.source for s in snapshots] == ["un_sc"]
    warned = " ".join(r.getMessage() for r in caplog.records)
    assert "notes.txt: not a recognised official list file" in warned
    assert "SDN.CSV: not a recognised official list file" in warned
    with pytest.raises(SourceError, match="not a recognised official list file") as err:
        group_snapshots(sorted(tmp_path.iterdir()), strict=True)
    assert err.value.file.endswith(("SDN.CSV", "notes.txt"))


def test_load_dir_and_screener_from_dir(uavscreen_home: Path) -> None:
    dataset = load_dir(EVAL / "indexes" / "uk")
    assert dataset.versions == {"uk_ofsi": "2025-04-14"}
    assert len(dataset.entities) == 4688  # Group IDs in SOURCES.md
    assert all(e.source_version == "2025-04-14" for e in dataset.entities)
    screener = Screener.from_dir(EVAL / "indexes" / "un_sc")
    assert screener.lists == {"un_sc": "2026-02-27"}
    assert sum(1 for _ in screener.entities()) == 1003


def test_missing_or_empty_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file or folder"):
        load_dir(tmp_path / "nope")
    with pytest.raises(UserError, match="no official list files found"):
        load_dir(tmp_path)


def test_folder_version() -> None:
    assert folder_version(Path("bis_dpl_2023-11")) == "2023-11"
    assert folder_version(Path("2024-05-03")) == "2024-05-03"
    assert folder_version(Path("yente_fixture_t1")) == "yente_fixture_t1"
