"""``uavscreen lists status | update | load``: see and refresh the sanctions lists in use.

Status reads only manifests and install metadata (no parsing), so it is instant; update
and load print one line per source and a one-line error (exit 2) when anything was
refused, with the installed data left as it was.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from uavscreen.errors import UserError
from uavscreen.sources.bundle import STALE_AFTER_DAYS, ListState, current_states
from uavscreen.sources.registry import SOURCES

if TYPE_CHECKING:
    from uavscreen.sources.update import InstallResult, UpdateError

lists_app = typer.Typer(help="Show, update and load the official sanctions lists.", no_args_is_help=True)
out = Console()
err = Console(stderr=True)


def _short_sha(state: ListState) -> str:
    shas = list(state.files.values())
    return shas[0][:12] + (f" (+{len(shas) - 1})" if len(shas) > 1 else "")


@lists_app.command("status")
def status(as_json: bool = typer.Option(False, "--json", help="Machine-readable JSON.")) -> None:
    """Each source in use: snapshot date, age, counts, sha256, bundled or installed."""
    states = current_states()
    if as_json:
        out.print_json(json.dumps({"lists": [s.to_dict() for s in states], "stale_after_days": STALE_AFTER_DAYS}))
        return
    table = Table(title="Sanctions lists in use")
    for column in ("source", "snapshot", "age (days)", "entities", "names", "origin", "sha256"):
        table.add_column(column, justify="right" if column in ("age (days)", "entities", "names") else "left")
    stale: list[str] = []
    for state in states:
        age = state.age_days()
        if age is None or age > STALE_AFTER_DAYS:
            stale.append(f"{state.source} ({state.version}, {age if age is not None else '?'} days)")
        table.add_row(state.source, state.version, str(age if age is not None else "?"),
                      f"{state.entity_count:,}", f"{state.name_count:,}", state.origin, _short_sha(state))
    out.print(table)
    if stale:
        out.print(
            f"[bold yellow]warning:[/] {len(stale)} of {len(states)} lists are older than {STALE_AFTER_DAYS} days "
            f"and may miss recent designations: {', '.join(stale)}. "
            "Run `uavscreen lists update` (needs internet) or `uavscreen lists load DIR`.",
            highlight=False,
        )


@lists_app.command("update")
def update(
    source: list[str] = typer.Option(None, "--source", help=f"Source(s) to update; default all current ones ({', '.join(SOURCES)})."),
    force: bool = typer.Option(False, "--force", help="Accept an entity count more than 20% below the installed one."),
    rescreen: bool = typer.Option(True, "--rescreen/--no-rescreen",
                                  help="Screen stored counterparties again against new and changed entries."),
) -> None:
    """Download the official files, verify them and install them atomically."""
    from uavscreen.sources.update import update_sources

    _report(update_sources(source or None, force=force, progress=err.is_terminal), rescreen)


@lists_app.command("load")
def load(
    folder: Path = typer.Argument(..., help="A folder of official list files (searched recursively)."),
    force: bool = typer.Option(False, "--force", help="Accept an entity count more than 20% below the installed one."),
    rescreen: bool = typer.Option(True, "--rescreen/--no-rescreen",
                                  help="Screen stored counterparties again against new and changed entries."),
) -> None:
    """Install the official files in FOLDER after the same checks as an update."""
    from uavscreen.sources.update import load_local

    if not folder.exists():
        raise UserError(f"{folder}: no such folder")
    _report(load_local(folder, force=force), rescreen)


def _report(results: list[InstallResult | UpdateError], rescreen: bool = False) -> None:
    """One line per source; re-screening when anything new was installed; exit 2 when
    any source was refused."""
    from uavscreen.sources.update import InstallResult

    failed = 0
    installed = 0
    for result in results:
        if isinstance(result, InstallResult):
            _print_result(result)
            installed += result.status != "unchanged"
        else:
            failed += 1
            err.print(f"[bold red]error:[/] {result}", highlight=False)
    if installed and rescreen:
        _rescreen()
    if failed:
        err.print(f"{failed} source(s) not installed; the installed lists are unchanged for them.")
        raise typer.Exit(2)


def _rescreen() -> None:
    """Screen the stored counterparties against the new and changed entries; the lists
    are installed whatever happens here, so a failure is reported, not raised."""
    from uavscreen.screener import Screener
    from uavscreen.store import open_store
    from uavscreen.store.rescreen import rescreen_after_update

    try:
        report = rescreen_after_update(Screener.default(), store=open_store(), actor="lists.update")
    except Exception as exc:  # noqa: BLE001 - the update itself succeeded
        err.print(f"[yellow]warning:[/] lists installed, but re-screening failed: {exc}; "
                  "run `uavscreen rescreen`", highlight=False)
        return
    out.print(f"re-screening: {json.dumps(report.to_dict())}", highlight=False)


def _print_result(result: InstallResult) -> None:
    if result.status == "unchanged":
        out.print(f"{result.source}: already up to date ({result.version}, {result.entity_count:,} entities)")
        return
    before = f", was {result.previous_count:,}" if result.previous_count is not None else ""
    out.print(
        f"{result.source}: installed {result.version} ({result.entity_count:,} entities, "
        f"{result.name_count:,} names{before}) in {result.path}",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    app.add_typer(lists_app, name="lists")
