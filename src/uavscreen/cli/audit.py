"""``uavscreen audit``: verify the hash chain, export decisions for auditors."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from uavscreen.store import audit as store_audit
from uavscreen.store import cases as store_cases
from uavscreen.store import open_store

audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)


@audit_app.command("verify")
def verify() -> None:
    """Walk the audit chain; exit 1 naming the first altered, missing or moved row."""
    store = open_store()
    with store.read() as session:
        result = store_audit.verify(session)
    typer.echo(result.message())
    if not result.ok:
        raise typer.Exit(1)


@audit_app.command("decisions")
def decisions(
    fmt: str = typer.Option("csv", "--format", help="csv or json"),
    out: Path | None = typer.Option(None, "--out", help="File to write (default: stdout)."),
    since: str | None = typer.Option(None, help="Only decisions at or after this ISO date."),
) -> None:
    """Export every analyst decision (case, alert, entity, disposition, reason, who, when)."""
    if fmt not in ("csv", "json"):
        raise typer.BadParameter("--format must be csv or json")
    store = open_store()
    with store.read() as session:
        rows = store_cases.decisions(session, since)
    text = store_cases.decisions_csv(rows) if fmt == "csv" else json.dumps(rows, indent=2) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
