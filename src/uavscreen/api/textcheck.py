"""Refusing values no database can store (NaN, infinities): a JSON body may carry ``\\u0000`` or a lone
surrogate (``\\ud800``), which PostgreSQL and SQLite reject mid-transaction.  Checked up
front so the client gets a 422 naming the field, not a 500."""

from __future__ import annotations

import math
from typing import Any

from fastapi import HTTPException


def bad_text(value: str) -> str | None:
    if "\x00" in value:
        return "contains a NUL byte"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode (lone surrogate)"
    return None


def check_text(value: Any, path: str = "body", depth: int = 0) -> None:
    if depth > 32:
        raise HTTPException(422, detail=f"{path}: nested too deeply")
    if isinstance(value, str):
        reason = bad_text(value)
        if reason:
            raise HTTPException(422, detail=f"{path}: text {reason}")
    elif isinstance(value, float) and not math.isfinite(value):
        raise HTTPException(422, detail=f"{path}: not a finite number")
    elif isinstance(value, dict):
        for k, v in value.items():
            check_text(k, path, depth + 1)
            check_text(v, f"{path}.{k}", depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            check_text(v, f"{path}[{i}]", depth + 1)
