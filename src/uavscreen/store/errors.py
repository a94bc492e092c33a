"""Store errors a client can act on; the API maps them to 404 and 409."""

from __future__ import annotations

from uavscreen.errors import UserError


class NotFound(UserError):
    """A case, alert or key id that does not exist."""


class Conflict(UserError):
    """A request the record's state does not allow (e.g. deciding a closed case)."""
