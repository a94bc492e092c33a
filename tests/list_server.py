"""A real HTTP server on 127.0.0.1 that publishes list files the way a mirror would,
plus the ways a publication goes wrong (truncated, garbage, hostile, missing, slow).

URL layout: ``/<mode>/<source>/<file name>``; point ``UAVSCREEN_MIRROR`` at
``http://127.0.0.1:<port>/<mode>``.  Modes: ``good`` (the bytes in ``files``),
``truncated`` (announces the full length, sends half, closes), ``garbage``, ``laughs``
(billion-laughs XML), ``missing`` (404), ``slow`` (answers after ``SLOW_SECONDS``),
``gzipped`` (HTTP ``Content-Encoding: gzip``).
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 3.0

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE CONSOLIDATED_LIST [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<CONSOLIDATED_LIST dateGenerated="2026-03-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>
<REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER><FIRST_NAME>&d;</FIRST_NAME>
</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>
"""


class ListServer:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}  # "<source>/<name>" → bytes
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                server.requests.append(self.path)
                mode, _, key = self.path.lstrip("/").partition("/")
                body = server.files.get(key)
                if mode == "missing" or body is None:
                    self.send_error(404, "Not Found")
                    return
                if mode == "slow":
                    time.sleep(SLOW_SECONDS)
                if mode == "garbage":
                    body = bytes(range(256)) * 64
                if mode == "laughs":
                    body = BILLION_LAUGHS
                if mode == "gzipped":
                    body = gzip.compress(body)
                self.send_response(200)
                if mode == "gzipped":
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body[: len(body) // 2] if mode == "truncated" else body)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass
                if mode == "truncated":
                    self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]

    def mirror(self, mode: str) -> str:
        return f"http://127.0.0.1:{self.port}/{mode}"


@contextmanager
def list_server() -> Iterator[ListServer]:
    server = ListServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
        thread.join(5)
