"""Acceptance: the local and Spark engines give identical hits for the same 20,000 records
screened against the real bundled lists."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from tests.batch.synthetic import Planted, recall
from uavscreen.batch.loader import load_screener
from uavscreen.batch.local import BatchOptions, run_local
from uavscreen.batch.spark import run_spark


def _hits(path: Path) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [tuple(r.values()) for r in csv.DictReader(f)]


@pytest.mark.slow
def test_local_and_spark_give_identical_hits(input_20k: tuple[Path, list[Planted]], tmp_path: Path) -> None:
    source, planted = input_20k
    local = run_local(BatchOptions(source, tmp_path / "local.csv", workers=2, progress=False))
    spark = run_spark(BatchOptions(source, tmp_path / "spark.csv", workers=2, progress=False), master="local[2]")

    local_rows, spark_rows = _hits(tmp_path / "local.csv"), _hits(tmp_path / "spark.csv")
    assert local.stats.records == spark.stats.records == 20_000
    assert local.stats.hits == len(local_rows) > 150  # the 200 planted names, at least
    assert set(local_rows) == set(spark_rows)
    assert local_rows == spark_rows  # same order too: input order, best hit first

    found: dict[str, set[str]] = defaultdict(set)
    for row in local_rows:
        found[row[0]].add(row[1])
    assert recall(planted, found, load_screener().dataset.same_as) >= 0.95
