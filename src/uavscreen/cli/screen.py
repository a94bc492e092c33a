"""``uavscreen screen FILE [--out report.html|.json|.csv]``: one verdict per shipment.

Bad records (located: file, line/row, column, reason) are reported and skipped; the rest of
the batch is still screened.  Exit code 0 when every record was screened (hits are not
errors), 1 when some records could not be read, 2 when the file itself cannot be read.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from uavscreen.errors import InputError
from uavscreen.io import read_shipments
from uavscreen.model import Shipment, Verdict
from uavscreen.rules.policy import Policy
from uavscreen.screener import Screener
from uavscreen.screening import screen as screen_shipment

out = Console()
err = Console(stderr=True)
_PROGRESS_FROM_BYTES = 1 << 20  # show a progress bar for files from 1 MiB


def screen(
    file: Path = typer.Argument(..., help="Shipments: .json, .jsonl or .csv (see docs/screening.md)."),
    out_path: Path | None = typer.Option(None, "--out", help="Write a report: .html, .json, .jsonl or .csv."),
    encoding: str | None = typer.Option(None, "--encoding", help="Input encoding if not detected (cp1251, utf-16 …)."),
    policy_path: Path | None = typer.Option(None, "--policy", help="Decision policy YAML (default: bundled)."),
    as_json: bool = typer.Option(False, "--json", help="Print each verdict as one JSON line."),
) -> None:
    """Screen every shipment of FILE: parties, goods, route, vessels and red flags."""
    policy = Policy.load(policy_path)
    records = read_shipments(file, encoding)  # a file that cannot be read fails before the lists load
    screener = Screener.default()
    results: list[tuple[Shipment, Verdict]] = []
    errors: list[InputError] = []
    show = file.is_file() and file.stat().st_size >= _PROGRESS_FROM_BYTES and err.is_terminal
    progress = Progress(SpinnerColumn(), TextColumn("screening {task.description}"), BarColumn(),
                        MofNCompleteColumn(), TextColumn("{task.fields[bad]} bad"), TimeElapsedColumn(),
                        console=err, transient=True, disable=not show)
    with progress:
        task = progress.add_task(file.name, total=None, bad=0)
        for record in records:
            if record.shipment is None or record.errors:
                errors.extend(record.errors)
            else:
                verdict = screen_shipment(screener, record.shipment, policy)
                if out_path is None:
                    _print(record.shipment, verdict, as_json)
                results.append((record.shipment, verdict))
            progress.update(task, advance=1, bad=len(errors))
    if out_path is not None:
        from uavscreen.report import write_report

        write_report(results, out_path, errors)
    for e in errors:
        err.print(f"[yellow]skipped:[/] {e}", highlight=False, soft_wrap=True)
    counts = Counter(v.decision.value for _, v in results)
    err.print(f"{len(results)} screened ({', '.join(f'{k} {counts[k]}' for k in ('BLOCK', 'REVIEW', 'CLEAR'))}), "
              f"{len(errors)} error(s)" + (f"; report: {out_path}" if out_path else ""), highlight=False, soft_wrap=True)
    if errors:
        raise typer.Exit(1)


def _print(shipment: Shipment, verdict: Verdict, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(verdict.to_dict(), ensure_ascii=False))
        return
    colour = {"BLOCK": "red", "REVIEW": "yellow", "CLEAR": "green"}[verdict.decision.value]
    out.print(f"[bold {colour}]{verdict.decision.value}[/] {shipment.id}", highlight=False)
    if verdict.findings:
        table = Table("kind", "rule", "severity", "subject", "evidence", show_header=False, box=None, padding=(0, 1))
        for f in verdict.findings:
            if f.severity != "info":
                table.add_row(f.kind, f.rule_id or "", f.severity, f.subject, f.evidence[:160])
        out.print(table)


def register(app: typer.Typer) -> None:
    app.command("screen")(screen)
