"""``uavscreen goods``: screen one invoice line (description, declared code, maker,
part number) and print its findings; exit code 0 with findings, 2 for a bad code."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from uavscreen.goods import screen_goods

out = Console()


def goods(
    description: str = typer.Argument(..., help="The invoice line as written, any of six languages."),
    hs: str | None = typer.Option(None, "--hs", help="Declared HS/HTS/CN/TN VED code (8542.31, 8542310000 …)."),
    manufacturer: str | None = typer.Option(None, "--manufacturer", help="Manufacturer, if given separately."),
    part_number: str | None = typer.Option(None, "--part-number", help="Manufacturer part number."),
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
) -> None:
    """Controlled-item and misdeclared-code findings for one invoice line."""
    findings = screen_goods(description, hs_code=hs, manufacturer=manufacturer, part_number=part_number)
    if as_json:
        typer.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
        return
    if not findings:
        out.print("no findings: no controlled category recognised and the declared code is on no list")
        return
    table = Table("kind", "severity", "category", "HS-6", "lists", "evidence")
    for f in findings:
        table.add_row(f.kind, f.severity, str(f.details.get("category") or "-"), str(f.details.get("hs6") or "-"),
                      ", ".join(f.details.get("lists") or []) or "-", f.evidence)
    out.print(table)
    out.print("[bold]basis[/]")
    for f in findings:
        for cite in f.basis:
            out.print(f"  - {cite}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("goods")(goods)
