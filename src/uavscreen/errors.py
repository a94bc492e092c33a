"""Errors a user can act on.  The CLI prints them as one line (exit code 2), the API
turns them into 4xx responses; anything else is a bug and keeps its traceback."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or an impossible request, with a message that says what and where."""


class InputError(UserError):
    """A located problem in a user's file: which file, which row/line, which column."""

    def __init__(self, file: str, location: str | None, reason: str) -> None:
        self.file = file
        self.location = location
        self.reason = reason
        super().__init__(f"{file}" + (f", {location}" if location else "") + f": {reason}")
