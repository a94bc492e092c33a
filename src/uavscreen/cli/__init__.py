"""The ``uavscreen`` command line (typer).

Each command group lives in its own module with a ``register(app)`` function; this
module only assembles them and turns expected errors into one clear line on stderr
(exit code 2) instead of a traceback.  Hits are not errors: exit code 0 with hits.
"""

from __future__ import annotations

import importlib
import sys

import typer
from pydantic import ValidationError
from rich.console import Console

from uavscreen.errors import UserError
from uavscreen.sources.base import SourceError

app = typer.Typer(
    name="uavscreen",
    help="Screen parties, goods and shipments against official sanctions lists.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Command modules, each with register(app).  Add yours here.
COMMAND_MODULES: tuple[str, ...] = ("lists", "match", "serve", "keys", "audit", "rescreen", "goods", "screen", "batch")

for _name in COMMAND_MODULES:
    importlib.import_module(f"uavscreen.cli.{_name}").register(app)

err = Console(stderr=True)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except (UserError, SourceError, ValidationError, FileNotFoundError, PermissionError) as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
