"""Alembic environment: runs migrations on the engine handed over by ``migrate.py``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from uavscreen.store.models import Base

engine: Engine = context.config.attributes["engine"]

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=engine.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
