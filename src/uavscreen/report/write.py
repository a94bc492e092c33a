"""``write_report``: pick the writer from the file extension and write atomically.

The report is written to a temporary file beside the target and moved into place only
when complete, so a failure half-way never leaves a truncated report or destroys the
previous one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

from uavscreen.errors import InputError, UserError
from uavscreen.model import Shipment, Verdict
from uavscreen.report.csv_report import write_csv
from uavscreen.report.html_report import write_html
from uavscreen.report.json_report import write_json, write_jsonl

Writer = Callable[[Sequence[tuple[Shipment, Verdict]], IO[str], Sequence[InputError]], None]

REPORT_FORMATS: dict[str, Writer] = {
    ".json": write_json,
    ".jsonl": write_jsonl,
    ".csv": write_csv,
    ".html": write_html,
    ".htm": write_html,
}
"""File extension → writer."""


def write_report(
    results: Sequence[tuple[Shipment, Verdict]], path: Path, errors: Sequence[InputError] = ()
) -> None:
    """Write ``results`` (and the rows that could not be read) to ``path`` in the format
    its extension names."""
    path = Path(path)
    writer = REPORT_FORMATS.get(path.suffix.lower())
    if writer is None:
        raise UserError(f"{path}: unknown report format {path.suffix!r}; use one of {', '.join(REPORT_FORMATS)}")
    if not path.parent.is_dir():
        raise UserError(f"{path}: cannot write the report: folder {path.parent} does not exist")
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            writer(results, out, errors)
        tmp.chmod(path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
