"""JSON: one shipment object, an array of them, or ``{"shipments": [...]}``, streamed.

A top-level array is read element by element with ``JSONDecoder.raw_decode`` over a sliding
buffer, so a file of a million shipments never sits in memory as one parsed list.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from uavscreen.errors import InputError
from uavscreen.io.records import Record
from uavscreen.io.text import open_lines
from uavscreen.io.validate import validate

_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


class _Buffer:
    """Decoded text with line tracking, refilled from the line iterator on demand."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.text = ""
        self.pos = 0
        self.line = 1
        self.eof = False

    def fill(self) -> bool:
        if self.eof:
            return False
        chunk = []
        size = 0
        for line in self.lines:
            chunk.append(line)
            size += len(line)
            if size >= 1 << 16:
                break
        else:
            self.eof = True
        if self.pos:
            self.line += self.text.count("\n", 0, self.pos)
            self.text = self.text[self.pos:]
            self.pos = 0
        self.text += "".join(chunk)
        return bool(chunk)

    def skip_ws(self) -> str | None:
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.fill():
                return None

    def where(self) -> str:
        return f"line {self.line + self.text.count(chr(10), 0, self.pos)}"


def read_json(path: Path, encoding: str | None = None) -> Iterator[Record]:
    _enc, lines = open_lines(path, encoding)
    file = str(path)

    def texts() -> Iterator[str]:
        for ln in lines:
            if ln.error:
                raise InputError(file, f"line {ln.number}", ln.error)
            yield ln.text

    buf = _Buffer(texts())
    try:
        first = buf.skip_ws()
        if first is None:
            return
        if first == "[":
            buf.pos += 1
            yield from _array(buf, file)
            return
        yield from _whole(buf, file)
    except InputError as exc:
        yield Record(exc.location or "", None, [exc])


def _decode(buf: _Buffer, file: str) -> tuple[object, str]:
    while True:
        where = buf.where()
        try:
            obj, end = _DECODER.raw_decode(buf.text, buf.pos)
        except json.JSONDecodeError as exc:
            if not buf.eof and buf.fill():
                continue
            raise InputError(file, f"line {buf.line + buf.text.count(chr(10), 0, exc.pos)}",
                             f"invalid JSON: {exc.msg}") from None
        buf.pos = end
        return obj, where


def _array(buf: _Buffer, file: str) -> Iterator[Record]:
    n = 0
    while True:
        c = buf.skip_ws()
        if c is None:
            raise InputError(file, buf.where(), "invalid JSON: the array is not closed with ']'")
        if c == "]":
            return
        if n and c != ",":
            raise InputError(file, buf.where(), f"invalid JSON: expected ',' or ']' between shipments, got {c!r}")
        if c == ",":
            buf.pos += 1
            buf.skip_ws()
        obj, where = _decode(buf, file)
        n += 1
        shipment, errors = validate(obj, file, f"{where} (shipment {n})")
        yield Record(f"{where} (shipment {n})", shipment, errors)


def _whole(buf: _Buffer, file: str) -> Iterator[Record]:
    while buf.fill():
        pass
    obj, where = _decode(buf, file)
    if buf.skip_ws() is not None:
        raise InputError(file, buf.where(), "invalid JSON: extra data after the top-level value")
    if isinstance(obj, dict) and isinstance(obj.get("shipments"), list):
        for i, raw in enumerate(obj["shipments"], 1):
            shipment, errors = validate(raw, file, f"shipments[{i - 1}]")
            yield Record(f"shipments[{i - 1}]", shipment, errors)
        return
    shipment, errors = validate(obj, file, where)
    yield Record(where, shipment, errors)
