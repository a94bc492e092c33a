"""Shared test fixtures.  The real list snapshots and control tables live in ../shared
beside the repository (as in CI); tests read them there, the product never does."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
LISTS = SHARED / "data" / "lists"
CONTROLS = SHARED / "data" / "controls"
EVAL = SHARED / "eval"

# Tests never touch the user's ~/.local/share/uavscreen.  Parsed lists and name indexes
# are cached in one folder shared by the whole run (and kept between runs), so a test
# that starts from a fresh $UAVSCREEN_HOME does not reparse every list.
os.environ.setdefault("UAVSCREEN_HOME", tempfile.mkdtemp(prefix="uavscreen-test-home-"))
os.environ.setdefault("UAVSCREEN_CACHE_DIR", str(REPO / ".test-cache"))


def lists_subset(folder: Path, *sources: str) -> Path:
    """``folder`` holding only the real snapshots of ``sources`` (symlinks into ../shared):
    for tests that need some real lists and a fast load, not all of them."""
    for source in sources:
        (folder / source).symlink_to(LISTS / source, target_is_directory=True)
    return folder


@pytest.fixture(scope="session")
def lists_dir() -> Path:
    return LISTS


@pytest.fixture(scope="session")
def controls_dir() -> Path:
    return CONTROLS


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    return EVAL


@pytest.fixture()
def uavscreen_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty $UAVSCREEN_HOME for tests that install lists or keep state."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("UAVSCREEN_HOME", str(home))
    return home


@contextmanager
def session_home(home: Path) -> Iterator[Path]:
    """Point $UAVSCREEN_HOME at ``home`` for a whole session-scoped fixture (monkeypatch
    is function-scoped), restoring the previous value afterwards."""
    old = os.environ.get("UAVSCREEN_HOME")
    os.environ["UAVSCREEN_HOME"] = str(home)
    try:
        yield home
    finally:
        if old is None:
            os.environ.pop("UAVSCREEN_HOME", None)
        else:
            os.environ["UAVSCREEN_HOME"] = old
