"""The compiled cache: same entities as a raw parse, no reparse when warm, corrupt or
stale cache files ignored and rebuilt, never pickle."""

from __future__ import annotations

import logging
import shutil
import zlib
from pathlib import Path

import msgpack
import pytest

from tests.conftest import LISTS
from uavscreen.model import Entity
from uavscreen.sources import cache
from uavscreen.sources.base import Snapshot
from uavscreen.sources.discover import find_snapshots, load_dir, load_snapshot

UK_DIR = LISTS / "uk" / "2025-04-14"
UN_DIR = LISTS / "un_sc" / "2026-02-27"


def _never(snapshot: Snapshot) -> list[Entity]:
    raise AssertionError(f"{snapshot.source} was parsed again although the cache is warm")


@pytest.fixture(autouse=True)
def _cache_in_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests look at the cache under $UAVSCREEN_HOME, not the suite's shared one."""
    monkeypatch.delenv("UAVSCREEN_CACHE_DIR", raising=False)


@pytest.fixture()
def un_snapshot(tmp_path: Path) -> Snapshot:
    folder = tmp_path / "lists" / "2026-02-27"
    folder.mkdir(parents=True)
    shutil.copy(UN_DIR / "consolidated.xml", folder / "consolidated.xml")
    (snapshot,) = find_snapshots(folder)
    return snapshot


def test_warm_cache_returns_the_parsed_entities_without_parsing(uavscreen_home: Path, un_snapshot: Snapshot) -> None:
    key, parsed = cache.load_or_parse(un_snapshot, load_snapshot)
    assert cache.entities_path(key).is_file()
    assert cache.entities_path(key).is_relative_to(uavscreen_home / "cache")
    key2, cached = cache.load_or_parse(un_snapshot, _never)
    assert key2 == key
    assert [e.to_dict() for e in cached] == [e.to_dict() for e in parsed]


def test_codec_round_trips_every_field_of_real_records() -> None:
    (snapshot,) = find_snapshots(UK_DIR)
    entities = load_snapshot(snapshot)
    for entity in entities:
        row = msgpack.unpackb(msgpack.packb(cache.encode_entity(entity)))
        assert cache.decode_entity(row).to_dict() == entity.to_dict()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "wrong-shape"])
def test_corrupt_cache_file_is_ignored_and_rebuilt(
    uavscreen_home: Path, un_snapshot: Snapshot, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    key, parsed = cache.load_or_parse(un_snapshot, load_snapshot)
    path = cache.entities_path(key)
    good = path.read_bytes()
    damaged = {
        "garbage": b"not a cache file",
        "truncated": good[: len(good) // 2],
        "empty": b"",
        "wrong-shape": zlib.compress(msgpack.packb({"format": cache.CACHE_FORMAT, "key": key})),
    }[damage]
    path.write_bytes(damaged)
    with caplog.at_level(logging.WARNING, logger="uavscreen.sources.cache"):
        _, rebuilt = cache.load_or_parse(un_snapshot, load_snapshot)
    assert "rebuilding" in caplog.text
    assert len(rebuilt) == len(parsed) == 1003
    assert path.read_bytes() != damaged  # rewritten
    assert not list(path.parent.glob(".tmp-*"))  # no partial file left behind


def test_changed_file_changes_the_key(tmp_path: Path, un_snapshot: Snapshot) -> None:
    before = cache.snapshot_key(un_snapshot)
    path = un_snapshot.files[0]
    path.write_bytes(path.read_bytes().replace(b"7TH OF TIR", b"8TH OF TIR"))
    assert cache.snapshot_key(un_snapshot) != before


def test_unwritable_cache_still_loads(uavscreen_home: Path, caplog: pytest.LogCaptureFixture) -> None:
    (uavscreen_home / "cache").write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="uavscreen.sources.cache"):
        dataset = load_dir(UN_DIR)
    assert len(dataset.entities) == 1003
    assert "cannot write cache file" in caplog.text


def test_links_are_cached_with_the_dataset(uavscreen_home: Path) -> None:
    first = load_dir(UK_DIR.parent.parent / "un_sc")
    links = list((uavscreen_home / "cache").glob("links-*.msgpack.z"))
    assert len(links) == 1
    second = load_dir(UK_DIR.parent.parent / "un_sc")
    assert second.same_as == first.same_as


def test_link_groups_round_trip() -> None:
    links = {"a:1": ["b:1", "c:1"], "b:1": ["a:1", "c:1"], "c:1": ["a:1", "b:1"], "d:1": ["e:1"], "e:1": ["d:1"]}
    groups = cache.links_to_groups(links)
    assert sorted(groups) == [["a:1", "b:1", "c:1"], ["d:1", "e:1"]]
    assert cache.groups_to_links(groups) == links
    with pytest.raises(ValueError):
        cache.groups_to_links([["lonely"]])


def test_least_recently_used_cache_files_are_pruned(
    uavscreen_home: Path, un_snapshot: Snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_CACHE_FILES", 2)
    key, _ = cache.load_or_parse(un_snapshot, load_snapshot)
    for n in range(3):
        cache.write_entities(f"{n:064x}", [])
    assert cache.entities_path(key).exists() is False  # the oldest went
    assert len(list((uavscreen_home / "cache").glob("entities-*"))) == 2


def test_cache_dir_can_be_shared_between_homes(
    uavscreen_home: Path, tmp_path: Path, un_snapshot: Snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared-cache"
    monkeypatch.setenv("UAVSCREEN_CACHE_DIR", str(shared))
    cache.load_or_parse(un_snapshot, load_snapshot)
    monkeypatch.setenv("UAVSCREEN_HOME", str(tmp_path / "another-home"))
    _, cached = cache.load_or_parse(un_snapshot, _never)
    assert len(cached) == 1003
    assert list(shared.glob("entities-*")) and not (uavscreen_home / "cache").exists()
