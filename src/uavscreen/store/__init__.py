"""The screening service's memory: API keys, every screening with the list versions it
used, cases and analysts' decisions, false-positive suppressions, and the hash-chained
audit log that lets an auditor prove none of it was changed afterwards.

SQLite file under ``$UAVSCREEN_HOME`` by default (zero set-up), PostgreSQL when
``$UAVSCREEN_DB_URL`` says so.  The schema is owned by the Alembic migrations shipped in
``store/migrations``; :func:`open_store` applies them.
"""

from uavscreen.store.db import Store, default_url, open_store

__all__ = ["Store", "default_url", "open_store"]
