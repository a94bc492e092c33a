"""``uavscreen batch``: screen a whole customer or supplier file (CSV, JSON lines, Parquet)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from uavscreen.batch.local import DEFAULT_CHUNK_SIZE, BatchOptions, default_workers, run_local
from uavscreen.batch.summary import Summary


class Engine(StrEnum):
    local = "local"
    spark = "spark"


def batch(
    input: Path = typer.Argument(..., help="CSV, JSON lines (.jsonl) or Parquet file; columns "
                                           "id, name, schema, country, birth_date, identifiers."),
    out: Path = typer.Option(..., "--out", "-o", help="Hits file: .csv, .jsonl or .parquet."),
    resume: bool = typer.Option(False, "--resume", help="Continue a killed run from its checkpoints."),
    workers: int = typer.Option(0, "--workers", "-w", help="Processes (local) or Spark cores; 0 = all CPUs."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local processes or a PySpark job."),
    lists: Path | None = typer.Option(None, "--lists", help="Folder of official list files "
                                                           "(default: installed, else bundled lists)."),
    chunk_size: int = typer.Option(DEFAULT_CHUNK_SIZE, "--chunk-size", help="Records per checkpoint."),
    spark_master: str | None = typer.Option(None, "--spark-master",
                                            help="Spark master URL (default local[WORKERS])."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show the progress bar."),
    encoding: str | None = typer.Option(None, "--encoding", help="Encoding of a CSV or JSON lines input "
                                                                  "if not detected (cp1251, utf-16 …)."),
    json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Screen every record of INPUT; every hit above threshold goes to OUT, bad rows to
    OUT.rejects.csv, counts to OUT.summary.json."""
    opts = BatchOptions(input=input, out=out, resume=resume, workers=workers or default_workers(),
                        lists=lists, chunk_size=chunk_size, progress=progress, encoding=encoding)
    if engine is Engine.spark:
        from uavscreen.batch.spark import run_spark

        summary = run_spark(opts, master=spark_master)
    else:
        summary = run_local(opts)
    _report(summary, json_out)


def _report(summary: Summary, json_out: bool) -> None:
    console = Console()
    if json_out:
        console.print_json(data=summary.to_dict())
        return
    s = summary.stats
    console.print(
        f"{s.records:,} records ({s.rejects:,} rejected) → {s.hits:,} hits for "
        f"{s.records_with_hits:,} records in {summary.seconds:,.1f} s "
        f"({summary.rate:,.0f} records/s, {summary.engine}, {summary.workers} workers)\n"
        f"hits: {summary.output}\nrejects: {summary.rejects_file}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("batch")(batch)
