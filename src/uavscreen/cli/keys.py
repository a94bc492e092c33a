"""``uavscreen keys``: create (printed once), list and revoke API keys."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from uavscreen.store import keys as store_keys
from uavscreen.store import open_store

keys_app = typer.Typer(help="API keys for the screening service.", no_args_is_help=True)
out = Console()


@keys_app.command("create")
def create(
    role: store_keys.Role = typer.Option(..., help="service (screen), analyst (review), admin (all)."),
    label: str = typer.Option("", help="Who or what the key is for."),
) -> None:
    """Create a key and print it; it is stored hashed and cannot be shown again."""
    store = open_store()
    with store.session() as session:
        plain, row = store_keys.create_key(session, role.value, label, actor="cli")
    typer.echo(plain)
    Console(stderr=True).print(f"key {row.id} ({row.role}) created; store it now, it is not shown again.")


@keys_app.command("list")
def list_() -> None:
    """All keys (id, prefix, role, label, revoked)."""
    store = open_store()
    table = Table("id", "prefix", "role", "label", "created", "revoked")
    with store.read() as session:
        for k in store_keys.list_keys(session):
            table.add_row(str(k.id), k.prefix, k.role, k.label, k.created_at[:19], (k.revoked_at or "")[:19])
    out.print(table)


@keys_app.command("revoke")
def revoke(key_id: int = typer.Argument(..., min=1)) -> None:
    """Revoke a key (workers stop accepting it within seconds)."""
    store = open_store()
    with store.session() as session:
        store_keys.revoke(session, key_id, actor="cli")
    typer.echo(f"key {key_id} revoked")


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
