"""The Spark engine: the same per-record screening as the local engine, as a PySpark job.

Each Python worker loads the screener once (:func:`~uavscreen.batch.loader.load_screener`,
reading the name index from the on-disk cache) and keeps it for every partition it serves
(Spark reuses Python workers), then screens record batches with ``mapInArrow`` — Arrow, not
pandas, so no pandas dependency and no per-row pickling.  Records are validated and screened
by the very functions the local engine calls, which is why both give identical hits.

For users' own Spark code: :func:`screen_dataframe` (hits) and :func:`rejects_dataframe`
(rows that cannot be screened, with the reason), over a DataFrame with the documented columns.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from uavscreen.batch.io import read_records, write_rows
from uavscreen.batch.loader import load_screener
from uavscreen.batch.local import BatchOptions, check_paths, write_summary
from uavscreen.batch.records import (
    INPUT_COLUMNS,
    OUTPUT_COLUMNS,
    REJECT_COLUMNS,
    InputRecord,
    RawRecord,
    Reject,
    parse_record,
    screen_raw,
)
from uavscreen.batch.summary import ChunkStats, Summary, rejects_path_for
from uavscreen.errors import UserError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

HIT_SCHEMA = pa.schema([("input_id", pa.string()), ("entity_id", pa.string()), ("score", pa.float64()),
                        ("match", pa.bool_()), ("matched_name", pa.string()), ("explanation", pa.string())])
SEQ_HIT_SCHEMA = pa.schema([("seq", pa.int64()), *HIT_SCHEMA])
REJECT_SCHEMA = pa.schema([("input_id", pa.string()), ("reason", pa.string())])
_IDENTIFIERS = pa.list_(pa.struct([("type", pa.string()), ("value", pa.string())]))
_RECORD_SCHEMA = pa.schema([("seq", pa.int64()), ("id", pa.string()), ("name", pa.string()),
                            ("schema", pa.string()), ("country", pa.string()), ("birth_date", pa.string()),
                            ("identifiers", _IDENTIFIERS)])
_ArrowFn = Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]


def _raw_records(batch: pa.RecordBatch) -> Iterator[RawRecord]:
    for i, fields in enumerate(batch.to_pylist()):
        seq = fields.get("seq")
        yield RawRecord(seq if isinstance(seq, int) else i, "", fields)


def _hits_fn(lists: str | None, schema: pa.Schema) -> _ArrowFn:
    def screen(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        screener = load_screener(lists)  # once per Python worker, reused across partitions
        for batch in batches:
            rows: list[dict[str, Any]] = []
            for raw in _raw_records(batch):
                rows.extend(screen_raw(screener, raw)[0])
            yield pa.RecordBatch.from_pylist(rows, schema=schema)

    return screen


def _rejects_fn(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        rows = [{"input_id": r.input_id, "reason": r.reason}
                for r in map(parse_record, _raw_records(batch)) if isinstance(r, Reject)]
        yield pa.RecordBatch.from_pylist(rows, schema=REJECT_SCHEMA)


def _input_columns(df: DataFrame) -> DataFrame:
    from pyspark.sql import functions as F

    present = {c.lower(): c for c in df.columns}
    if "name" not in present:
        raise UserError(f"the DataFrame has no 'name' column (columns: {', '.join(df.columns)})")
    cols = [F.col(present[c]).alias(c) if c in present else F.lit(None).cast("string").alias(c)
            for c in INPUT_COLUMNS]
    if "seq" in present:
        cols.insert(0, F.col(present["seq"]).alias("seq"))
    return df.select(*cols)


def screen_dataframe(df: DataFrame, lists: str | Path | None = None, keep_seq: bool = False) -> DataFrame:
    """Every hit above threshold for each row of ``df`` (columns ``id, name, schema, country,
    birth_date, identifiers``; only ``name`` is required), as a DataFrame with the batch output
    columns ``input_id, entity_id, score, match, matched_name, explanation``.  Rows that cannot
    be screened yield no hits here; :func:`rejects_dataframe` lists them with the reason.

    ``lists``: a folder of official list files every executor can read (default: the installed
    or bundled lists).  ``keep_seq``: keep a ``seq`` column of ``df`` as the first output column.
    """
    from pyspark.sql.pandas.types import from_arrow_schema

    schema = SEQ_HIT_SCHEMA if keep_seq else HIT_SCHEMA
    lists_arg = str(Path(lists).resolve()) if lists else None
    return _input_columns(df).mapInArrow(_hits_fn(lists_arg, schema), from_arrow_schema(schema))


def rejects_dataframe(df: DataFrame) -> DataFrame:
    """Rows of ``df`` that cannot be screened (no name, unknown schema, bad date…): ``input_id, reason``."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return _input_columns(df).mapInArrow(_rejects_fn, from_arrow_schema(REJECT_SCHEMA))


def spark_session(master: str) -> SparkSession:
    """A Spark session whose Python workers run this interpreter (the venv with uavscreen)."""
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(master).appName("uavscreen-batch")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
            .config("spark.python.worker.reuse", "true")
            .config("spark.driver.memory", os.environ.get("UAVSCREEN_SPARK_DRIVER_MEMORY", "4g"))
            .getOrCreate())


def _record_row(rec: InputRecord) -> dict[str, Any]:
    return {"seq": rec.seq, "id": rec.input_id, "name": rec.name, "schema": rec.schema,
            "country": ";".join(rec.countries), "birth_date": rec.birth_date,
            "identifiers": [{"type": t, "value": v} for t, v in rec.identifiers]}


def run_spark(opts: BatchOptions, master: str | None = None) -> Summary:
    """The ``--engine spark`` run: the input is read and validated on the driver (so rejects
    carry their file location), valid records are screened by the executors, and the hits are
    written in input order exactly as the local engine writes them."""
    check_paths(opts)
    if opts.resume:
        raise UserError("--resume is for the local engine; Spark re-runs failed tasks itself")
    started = time.monotonic()
    screener = load_screener(opts.lists)  # writes the on-disk index cache the executors read
    rejects: list[Reject] = []
    valid: list[dict[str, Any]] = []
    for raw in read_records(opts.input, opts.encoding):
        rec = parse_record(raw)
        if isinstance(rec, Reject):
            rejects.append(rec)
        else:
            valid.append(_record_row(rec))
    session = spark_session(master or f"local[{opts.workers}]")
    try:
        df = session.createDataFrame(pa.Table.from_pylist(valid, _RECORD_SCHEMA))
        table = screen_dataframe(df, opts.lists, keep_seq=True).toArrow()
    finally:
        session.stop()
    hits = sorted(table.to_pylist(), key=lambda h: (h["seq"], -h["score"], h["entity_id"]))
    write_rows(rejects_path_for(opts.out), REJECT_COLUMNS, (r.to_row() for r in rejects))
    write_rows(opts.out, OUTPUT_COLUMNS, hits)
    stats = ChunkStats(records=len(valid) + len(rejects), rejects=len(rejects), hits=len(hits),
                       records_with_hits=len({h["seq"] for h in hits}))
    summary = Summary(str(opts.input), str(opts.out), str(rejects_path_for(opts.out)), "spark",
                      opts.workers, stats, time.monotonic() - started, 0, screener.lists)
    write_summary(opts.out, summary)
    return summary
