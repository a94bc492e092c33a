"""The screening service (FastAPI): yente-compatible ``/match``, ``/screen``, lists,
cases, audit and keys, plus the analyst UI from ``uavscreen.web``.  Build it with
:func:`create_app`; ``uavscreen serve`` runs it under uvicorn."""

from uavscreen.api.app import create_app

__all__ = ["create_app"]
