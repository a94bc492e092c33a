"""``uavscreen serve``: run the screening service (API + analyst UI) under uvicorn."""

from __future__ import annotations

import os
import tempfile

import typer

from uavscreen.api.balance import BOARD_ENV, WORKERS_ENV
from uavscreen.store import open_store


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", help="Interface to listen on (loopback by default)."),
        port: int = typer.Option(8000, min=1, max=65535),
        workers: int = typer.Option(1, min=1, max=64, help="Worker processes (e.g. one per core)."),
        db_url: str = typer.Option("", envvar="UAVSCREEN_DB_URL", show_envvar=True,
                                   help="Store URL (default: SQLite under $UAVSCREEN_HOME)."),
        log_level: str = typer.Option("warning"),
    ) -> None:
        """Serve the API (/match, /screen, /cases, ...) and the review UI (/ui/)."""
        import uvicorn

        if db_url:
            os.environ["UAVSCREEN_DB_URL"] = db_url
        # Apply migrations once, here, so workers never race to create the schema.
        open_store().dispose()
        with tempfile.TemporaryDirectory(prefix="uavscreen-workers-") as board:
            # the workers share connection counts here to keep their keep-alive
            # connections even (api/balance.py)
            os.environ[BOARD_ENV], os.environ[WORKERS_ENV] = board, str(workers)
            uvicorn.run("uavscreen.api.app:create_app", factory=True, host=host, port=port, workers=workers,
                        log_level=log_level, access_log=False)
