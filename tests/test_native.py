"""The compiled matching modules (uavscreen.native): a stale build is refused, a build is
whole, and the compiled code scores exactly as its Python source does."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import LISTS
from uavscreen import native
from uavscreen.matching.score import name_similarity
from uavscreen.names.prepare import prepare_query
from uavscreen.screener import Screener

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _package(tmp_path: Path, source_time: float, built_time: float) -> Path:
    """A package tree with every compiled module's source and compiled file, at the given
    modification times."""
    for relative in native.COMPILED:
        source = tmp_path / relative
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text("x = 1\n")
        built = source.with_name(source.stem + SUFFIX)
        built.write_bytes(b"\x7fELF")
        os.utime(source, (source_time, source_time))
        os.utime(built, (built_time, built_time))
    return tmp_path


def test_a_source_edited_after_its_build_is_refused_by_name(tmp_path: Path) -> None:
    package = _package(tmp_path, source_time=2_000_000, built_time=1_000_000)
    score = package / "matching" / "score.py"
    assert (score, score.with_name("score" + SUFFIX)) in native.stale(package)
    with pytest.raises(native.StaleBuildError, match=r"matching/score\.py.*make build"):
        native.check(package)


def test_a_fresh_build_and_files_written_one_after_another_are_not_stale(tmp_path: Path) -> None:
    assert native.stale(_package(tmp_path, source_time=1_000_000, built_time=1_000_060)) == []
    # (an installer writes the source a moment after its compiled file)
    native.check(_package(tmp_path, source_time=1_000_001, built_time=1_000_000))


def test_plain_python_sources_without_a_build_are_not_stale(tmp_path: Path) -> None:
    package = _package(tmp_path, source_time=2_000_000, built_time=1_000_000)
    for built in package.rglob("*" + SUFFIX):
        built.unlink()
    native.check(package)


def test_a_build_is_whole() -> None:
    """Either every listed module runs compiled or none does (a module mypyc could not
    compile is a build fault, not a silent fallback); ``make test`` sets
    UAVSCREEN_EXPECT_NATIVE: there the modules must run compiled."""
    import uavscreen.matching.match  # noqa: F401  (every compiled module imported)

    state = native.in_use()
    assert len(state) == len(native.COMPILED)
    if os.environ.get("UAVSCREEN_EXPECT_NATIVE"):
        assert all(state.values()), state
    else:
        assert len(set(state.values())) == 1, state


def _pure(module: str) -> object:
    """``module`` loaded from its Python source under another name (its imports are the
    installed modules, compiled or not)."""
    relative = module.removeprefix("uavscreen.").replace(".", "/") + ".py"
    spec = importlib.util.spec_from_file_location("pure_" + module.replace(".", "_"), native.PACKAGE / relative)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = loaded  # (dataclasses look their module up)
    spec.loader.exec_module(loaded)
    return loaded


QUERIES = [
    ("Khatam ol Anbia Construction", "Company"), ("خاتم الانبیاء", None), ("Евгений Пригожин", "Person"),
    ("Yevgeniy PRIGOZHIN", "Person"), ("Abdul Rahman Zahid", "Person"), ("Sanaullah AL MUHAJIR", "Person"),
    ("KOREA KWANGSON BANKING CORP", "Company"), ("조선광선은행", None), ("Islamic State of Iraq and the Levant", None),
    ("Tic. Ltd. Şti. ANKA DENIZCILIK", "Company"), ("ISIS", "Organization"), ("Jin Ping XI", "Person"),
    ("HAJI KHAIRULLAH BARAKZAI", "Person"), ("O UN CHONG NYON HO", "Vessel"), ("Mohammed Omar", "Person"),
]


def test_compiled_and_python_comparisons_agree_on_real_list_names() -> None:
    """Every name the matcher compares for real queries against the UN list scores the
    same, to the last bit, with the Python source of the comparison and of the query's
    reading: the compiled build changes the speed, never a score."""
    screener = Screener.from_dir(LISTS / "un_sc")
    matcher = screener.matcher
    pure_score, pure_prepare = _pure("uavscreen.matching.score"), _pure("uavscreen.names.prepare")
    weight = matcher.index.word_weights().__getitem__
    compared = 0
    for name, schema in QUERIES:
        readings = prepare_query(name, schema)
        theirs_read = pure_prepare.prepare_query(name, schema)  # type: ignore[attr-defined]
        assert [(r.tokens, r.phon, r.skel) for r in readings] == [(r.tokens, r.phon, r.skel) for r in theirs_read]
        person = schema == "Person"
        for reading in readings:
            for r in matcher.index.candidates(reading)[:20]:
                listed = matcher.index.rows[r].prepared
                ours = name_similarity(reading, listed, weight, person)
                theirs = pure_score.name_similarity(reading, listed, weight, person)  # type: ignore[attr-defined]
                assert (ours.score, ours.pairs) == (theirs.score, theirs.pairs), (name, listed.original)
                compared += 1
    assert compared > 200
