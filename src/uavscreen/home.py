"""Where uavscreen keeps its state: ``$UAVSCREEN_HOME`` (default ``~/.local/share/uavscreen``).

One function so every room (installed lists, compiled cache, store) agrees on the place
and tests can redirect all of it with one environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_HOME = Path("~/.local/share/uavscreen")


def home_dir() -> Path:
    """The state directory (not created here: readers must not create folders)."""
    return Path(os.environ.get("UAVSCREEN_HOME") or DEFAULT_HOME).expanduser()
