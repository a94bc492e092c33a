"""``uavscreen rescreen``: screen stored counterparties again against the list entries
that are new or changed since the last update (the list updater does this itself after
``lists update``; this is the manual trigger)."""

from __future__ import annotations

import json

import typer

from uavscreen.screener import Screener
from uavscreen.store import open_store
from uavscreen.store.rescreen import rescreen_after_update


def register(app: typer.Typer) -> None:
    @app.command()
    def rescreen() -> None:
        """Re-screen stored counterparties against the delta; new hits open cases."""
        report = rescreen_after_update(Screener.default(), store=open_store(), actor="cli")
        typer.echo(json.dumps(report.to_dict(), indent=2))
