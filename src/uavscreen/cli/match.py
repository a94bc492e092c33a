"""``uavscreen match NAME``: screen one party name against the loaded lists.

Prints a table of hits (or ``--json``); exit code 0 with or without hits."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from uavscreen.model import MatchHit
from uavscreen.screener import Screener

out = Console()


def _screener(lists: Path | None) -> Screener:
    return Screener.from_dir(lists) if lists else Screener.default()


def _features(hit: MatchHit) -> str:
    parts = []
    for ex in hit.explanation:
        if ex["feature"] == "name":
            parts.append(str(ex["detail"]))
        else:
            parts.append(f"{ex['feature']}: {ex['detail']}")
    return "; ".join(parts)


def match(
    name: str = typer.Argument(..., help="The party name, in any script."),
    schema: str = typer.Option("Any", "--schema", help="Person, Company, Organization, Vessel or Any."),
    country: list[str] = typer.Option([], "--country", help="ISO 3166 alpha-2 code; repeatable."),
    dob: str | None = typer.Option(None, "--dob", help="Birth date: YYYY, YYYY-MM or YYYY-MM-DD."),
    identifier: list[str] = typer.Option([], "--id", help="An identifier (IMO, passport, BIC…); repeatable."),
    limit: int = typer.Option(10, "--limit", min=1, max=100),
    lists: Path | None = typer.Option(None, "--lists", help="Screen against the official files in DIR."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable JSON."),
) -> None:
    """Find the listed parties NAME may be, scored and explained."""
    screener = _screener(lists)
    hits = screener.match_party(name, schema=None if schema == "Any" else schema,
                                countries=[c.upper() for c in country], birth_date=dob,
                                identifiers=identifier, limit=limit)
    if as_json:
        typer.echo(json.dumps({"query": name, "lists": screener.lists,
                               "hits": [h.to_dict() for h in hits]}, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{name!r}: {sum(h.match for h in hits)} match(es), {len(hits)} candidate(s)")
    for col in ("score", "match", "entity", "schema", "listed name", "programs", "why"):
        table.add_column(col)
    for h in hits:
        table.add_row(f"{h.score:.3f}", "MATCH" if h.match else "", h.entity.id, h.entity.schema,
                      h.matched_name, ", ".join(h.entity.programs[:3]), _features(h))
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command("match")(match)
