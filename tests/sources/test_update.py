"""``lists update`` / ``lists load`` against a real HTTP server on 127.0.0.1: good
publications install atomically; every kind of bad one leaves the installed data as it was."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import LISTS
from tests.list_server import SLOW_SECONDS, ListServer, list_server
from uavscreen.sources import cache
from uavscreen.sources.installed import installed_versions, lists_root
from uavscreen.sources.registry import SOURCES, file_urls
from uavscreen.sources.update import UpdateError, load_local, update_source

UN_BYTES = (LISTS / "un_sc" / "2026-02-27" / "consolidated.xml").read_bytes()
UN_COUNT = len(re.findall(rb"<(?:INDIVIDUAL|ENTITY)>", UN_BYTES))
SDN_2021 = LISTS / "ofac_sdn" / "2021-07-07"


def _shrunk_un() -> bytes:
    """The real UN file without its individuals (273 of 1003 entries left: a 73% drop)."""
    return re.sub(rb"<INDIVIDUAL>.*?</INDIVIDUAL>", b"", UN_BYTES, flags=re.S)


def _tree(root: Path) -> dict[str, str]:
    """Every file under root (hidden ones too) with its sha256."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture()
def server(uavscreen_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ListServer]:
    with list_server() as srv:
        srv.files["un_sc/consolidated.xml"] = UN_BYTES
        for name in ("SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV"):
            srv.files[f"ofac_sdn/{name}"] = (SDN_2021 / name).read_bytes()
        monkeypatch.setenv("UAVSCREEN_MIRROR", srv.mirror("good"))
        yield srv


def test_registry_has_official_urls_and_env_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UAVSCREEN_MIRROR", raising=False)
    monkeypatch.delenv("UAVSCREEN_SOURCE_URL_UN_SC", raising=False)
    assert [f.url for f in file_urls("un_sc")] == ["https://scsanctions.un.org/resources/xml/en/consolidated.xml"]
    assert SOURCES["uk_fcdo"].files[0].url == "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"
    assert all(f.url.startswith("https://") for s in SOURCES.values() for f in s.files)
    monkeypatch.setenv("UAVSCREEN_MIRROR", "http://127.0.0.1:1/m/")
    assert [f.url for f in file_urls("ofac_sdn")][0] == "http://127.0.0.1:1/m/ofac_sdn/SDN.CSV"
    monkeypatch.setenv("UAVSCREEN_SOURCE_URL_UN_SC", "http://127.0.0.1:2/un")
    assert [f.url for f in file_urls("un_sc")] == ["http://127.0.0.1:2/un/consolidated.xml"]


def test_good_download_installs_atomically_and_warms_the_cache(server: ListServer) -> None:
    result = update_source("un_sc")
    assert (result.status, result.version, result.entity_count) == ("installed", "2026-02-27", UN_COUNT)
    assert result.path == lists_root() / "un_sc" / "2026-02-27"
    assert (result.path / "consolidated.xml").read_bytes() == UN_BYTES
    (installed,) = installed_versions("un_sc")
    assert installed.meta["files"]["consolidated.xml"]["origin"] == f"{server.mirror('good')}/un_sc/consolidated.xml"
    assert not [p for p in lists_root().iterdir() if p.name.startswith(".staging")]
    key = cache.snapshot_key(installed.snapshot())
    assert cache.read_entities(key) is not None  # the next start needs no parse
    again = update_source("un_sc")
    assert again.status == "unchanged"


def test_multi_file_source_without_a_date_inside(server: ListServer) -> None:
    result = update_source("ofac_sdn")
    assert result.entity_count == 8976  # SOURCES.md: 2021-07-07 legacy set
    assert result.version == datetime.now(UTC).date().isoformat()  # no date in OFAC CSV files
    assert sorted(p.name for p in result.path.iterdir()) == [
        ".snapshot.json", "ADD.CSV", "ALT.CSV", "SDN.CSV", "SDN_COMMENTS.CSV",
    ]


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("truncated", r"download of http://127\.0\.0\.1:\d+/truncated/un_sc/consolidated\.xml (failed|truncated)"),
        ("garbage", r"un_sc: consolidated\.xml: not a recognised official list file"),
        ("laughs", r"un_sc: consolidated\.xml: DOCTYPE refused"),
        ("missing", r"download of http://127\.0\.0\.1:\d+/missing/un_sc/consolidated\.xml failed: HTTP 404"),
        ("slow", r"download of .*/slow/un_sc/consolidated\.xml failed: timed out after 0\.5 s"),
    ],
)
def test_bad_download_leaves_installed_data_untouched(
    server: ListServer, monkeypatch: pytest.MonkeyPatch, mode: str, message: str
) -> None:
    update_source("un_sc")
    before = _tree(lists_root())
    monkeypatch.setenv("UAVSCREEN_MIRROR", server.mirror(mode))
    with pytest.raises(UpdateError, match=message):
        update_source("un_sc", timeout=0.5 if mode == "slow" else 10.0)
    assert _tree(lists_root()) == before
    assert SLOW_SECONDS > 0.5


def test_unreachable_server(uavscreen_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with list_server() as srv:
        dead = srv.mirror("good")
    monkeypatch.setenv("UAVSCREEN_MIRROR", dead)  # the port is closed now
    with pytest.raises(UpdateError, match=r"download of http://127\.0\.0\.1:\d+/good/un_sc/consolidated\.xml failed"):
        update_source("un_sc")
    assert not lists_root().exists() or not any(lists_root().rglob("*.xml"))


def test_size_cap(server: ListServer) -> None:
    with pytest.raises(UpdateError, match="exceeds the 1000-byte limit"):
        update_source("un_sc", max_bytes=1000)


def test_count_drop_needs_force_and_keeps_the_previous_snapshot(server: ListServer) -> None:
    update_source("un_sc")
    before = _tree(lists_root())
    server.files["un_sc/consolidated.xml"] = _shrunk_un()
    with pytest.raises(UpdateError, match=f"entity count fell from {UN_COUNT} to 273 .*--force"):
        update_source("un_sc")
    assert _tree(lists_root()) == before
    forced = update_source("un_sc", force=True)
    assert (forced.status, forced.entity_count, forced.previous_count) == ("installed", 273, UN_COUNT)
    versions = installed_versions("un_sc")
    assert [v.entity_count for v in versions] == [UN_COUNT, 273]  # previous good one kept
    assert versions[0].path.name == "2026-02-27" and versions[1].path.name.startswith("2026-02-27_")


def test_zero_entities_is_always_refused(server: ListServer) -> None:
    server.files["un_sc/consolidated.xml"] = re.sub(rb"<ENTITY>.*?</ENTITY>", b"", _shrunk_un(), flags=re.S)
    with pytest.raises(UpdateError, match="zero entities"):
        update_source("un_sc", force=True)
    assert installed_versions("un_sc") == []


def test_load_local_folder_uses_the_folder_date(uavscreen_home: Path) -> None:
    (result,) = load_local(LISTS / "ofac_sdn" / "2024-05-03")
    assert (result.source, result.version, result.entity_count) == ("ofac_sdn", "2024-05-03", 14965)
    assert installed_versions("ofac_sdn")[0].meta["files"]["SDN.CSV"]["sha256"] == (
        "210ca6b4a8187a34e0850be69ecc6e918f23ad7778b8b5b2f9c9d5fbbaf4e0cb"  # SOURCES.md
    )


def test_old_snapshots_are_pruned(server: ListServer) -> None:
    for step in range(5):
        server.files["un_sc/consolidated.xml"] = UN_BYTES.replace(b"7TH OF TIR", f"7TH OF TIR {step}".encode())
        update_source("un_sc")
    assert len(installed_versions("un_sc")) == 3


def test_published_file_cut_short_is_refused(server: ListServer) -> None:
    update_source("un_sc")
    before = _tree(lists_root())
    server.files["un_sc/consolidated.xml"] = UN_BYTES[: len(UN_BYTES) // 2]  # served complete, but cut
    with pytest.raises(UpdateError, match=r"un_sc: refused, the new file does not parse: .*consolidated\.xml, line \d+"):
        update_source("un_sc")
    assert _tree(lists_root()) == before


FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES: dict[str, dict[str, Path]] = {
    "ofac_sdn": {n: SDN_2021 / n for n in ("SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV")},
    "ofac_cons": {n: LISTS / "ofac_cons" / "2025-12-19" / n
                  for n in ("CONS_PRIM.CSV", "CONS_ALT.CSV", "CONS_ADD.CSV", "CONS_COMMENTS.CSV")},
    "un_sc": {"consolidated.xml": LISTS / "un_sc" / "2026-02-27" / "consolidated.xml"},
    "uk_ofsi": {"ConList.xlsx": LISTS / "uk" / "2025-04-14" / "ConList.xlsx"},
    "uk_fcdo": {"UK-Sanctions-List.xml": FIXTURES / "uk_fcdo_sample.xml"},
    "eu_fsf": {"xmlFullSanctionsList_1_1.xml": FIXTURES / "eu_fsf_sample.xml"},
    "us_csl": {"consolidated.csv": LISTS / "us_csl" / "2022-05" / "consolidated.csv.gz"},
    "bis_dpl": {"dpl.txt": LISTS / "us_csl" / "bis_dpl_2023-11" / "dpl.txt"},
    "opensanctions": {"entities.ftm.json": LISTS / "opensanctions" / "yente_fixture_zala" / "entities.ftm.json"},
}


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_registry_file_names_are_claimed_by_the_right_format(source: str, tmp_path: Path) -> None:
    """What ``update`` stores under the registry's file names is recognised as that source."""
    from uavscreen.sources.discover import group_snapshots
    from uavscreen.sources.fileio import open_binary

    assert sorted(SAMPLES[source]) == sorted(f.name for f in SOURCES[source].files)
    for name, sample in SAMPLES[source].items():
        with open_binary(sample) as fh:
            (tmp_path / name).write_bytes(fh.read())  # as downloaded: uncompressed
    (snapshot,) = group_snapshots(sorted(tmp_path.iterdir()), strict=True)
    assert snapshot.source == source


def test_gzip_transfer_encoding_is_stored_decoded(server: ListServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UAVSCREEN_MIRROR", server.mirror("gzipped"))
    result = update_source("un_sc")
    assert (result.path / "consolidated.xml").read_bytes() == UN_BYTES
