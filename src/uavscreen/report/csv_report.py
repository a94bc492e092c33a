"""CSV report: one row per finding, for spreadsheets and case-management imports.

A shipment with no finding still gets one row (its decision, empty finding columns), so
every screened shipment appears.  Rows that could not be read appear with decision
``ERROR`` and kind ``input_error``.  Cells that a spreadsheet would run as a formula
(``=``, ``+``, ``-``, ``@`` …) are prefixed with ``'``: names and descriptions are user text.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO

from uavscreen.errors import InputError
from uavscreen.model import Shipment, Verdict

COLUMNS = ("shipment_id", "decision", "kind", "severity", "subject", "evidence", "basis", "rule_id")
BASIS_SEPARATOR = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str | None) -> str:
    """A cell that a spreadsheet shows as text, never evaluates."""
    text = value or ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(results: Sequence[tuple[Shipment, Verdict]], out: IO[str], errors: Sequence[InputError] = ()) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for shipment, verdict in results:
        decision = verdict.decision.value
        if not verdict.findings:
            writer.writerow([cell(shipment.id), decision, "", "", "", "", "", ""])
        for f in verdict.findings:
            writer.writerow([cell(shipment.id), decision, f.kind, f.severity, cell(f.subject), cell(f.evidence),
                             cell(BASIS_SEPARATOR.join(f.basis)), cell(f.rule_id)])
    for e in errors:
        writer.writerow(["", "ERROR", "input_error", "", cell(e.location), cell(e.reason), cell(e.file), ""])
