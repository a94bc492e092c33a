"""Fixtures for batch tests: one $UAVSCREEN_HOME for the session (so the list and name-index
caches are built once and every worker process reads them), a folder with a small subset of
the real lists for the runs that only need *some* real list, and generated inputs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.batch.synthetic import Generator, Planted, write_csv
from tests.conftest import lists_subset, session_home
from uavscreen.batch.loader import load_screener


@pytest.fixture(scope="session")
def batch_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("batch-home")
    with session_home(home):
        yield home


@pytest.fixture(scope="session")
def small_lists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real UN and OFAC consolidated snapshots only: loads in a second or two."""
    return lists_subset(tmp_path_factory.mktemp("small-lists"), "un_sc", "ofac_cons")


@pytest.fixture(scope="session")
def input_20k(batch_home: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Planted]]:
    """20,000 generated records (1% planted listed names) screened against the bundled lists."""
    gen = Generator(load_screener(), seed=20_000, planted_share=0.01)
    path = tmp_path_factory.mktemp("in20k") / "customers.csv"
    write_csv(path, gen.rows(20_000))
    return path, gen.planted
