"""Throughput and latency of ``POST /match/default`` under 32 concurrent clients.

The service runs as ``uavscreen serve`` in separate processes (uvicorn workers) on
127.0.0.1 over a fresh SQLite store and the bundled lists; every request is recorded in
the store and audit chain as in production.  The run is bounded (``--seconds``).
Reference: OpenSanctions yente publishes roughly 4 requests/s per vCPU for /match.

The client shares the machine, so its own CPU is taken from the server's: the default
client is a minimal keep-alive HTTP/1.1 client on asyncio streams and uvloop (0.05 ms of
CPU per request, against 0.17 ms for aiohttp and ~0.5 ms for httpx, which ``--client``
still offers).

Two kinds of run follow each other on the same server: a closed loop (each client sends
its next request as soon as it has the answer: the saturation throughput, whose latency
is 32 ÷ throughput by Little's law) and open loops at fixed offered rates (``--rates``;
each client keeps to a schedule and latency counts from the scheduled time, so a stall
also counts against the requests it delayed).  Besides wall-clock figures, the server's CPU time per request (all its
processes, from /proc) is printed: that figure holds even when other jobs load the cores.

    .venv/bin/python bench/bench_api.py [--workers 2] [--clients 32] [--seconds 20] [--rates 300,600] [--client raw|aiohttp|httpx]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path

import aiohttp
import httpx
import orjson
import uvloop

from uavscreen.store import keys, open_store

NAMES = [
    ("Company", "Qods Aviation Industries", ["ir"]),
    ("Company", "Shahed Aviation Industries Research Center", ["ir"]),
    ("Company", "Iran Aircraft Manufacturing Industrial Company", ["ir"]),
    ("Company", "Mahan Air", ["ir"]),
    ("Organization", "Islamic Revolutionary Guard Corps", ["ir"]),
    ("Company", "Islamic Republic of Iran Shipping Lines", ["ir"]),
    ("Company", "Shiraz Electronics Industries", ["ir"]),
    ("Company", "Alabuga Special Economic Zone", ["ru"]),
    ("Company", "Rostec", ["ru"]),
    ("Person", "Mohammad Bagheri", ["ir"]),
    ("Person", "Amir Ali Hajizadeh", ["ir"]),
    ("Company", "Baltic Timber Trading GmbH", ["de"]),
    ("Company", "Sunrise Electronics Components Ltd", ["hk"]),
    ("Person", "Maria Schmidt", ["at"]),
    ("Company", "Nordic Marine Supplies AS", ["no"]),
    ("Company", "Golden Crescent General Trading LLC", ["ae"]),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop_group(server: subprocess.Popen[bytes]) -> None:
    """Stop the server and its workers, and wait until every one of them is gone."""
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(server.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.killpg(server.pid, signal.SIGKILL)


def body(i: int) -> dict[str, object]:
    schema, name, countries = NAMES[i % len(NAMES)]
    return {"queries": {"q": {"schema": schema, "properties": {"name": [name], "country": countries}}}}


BODIES = [orjson.dumps(body(i)) for i in range(len(NAMES))]
Poster = Callable[[bytes], Awaitable[int]]
WARM_UP = 3.0  # seconds of load before each measured run


def mark_cpu(into: list[float], pgid: int) -> None:
    into[:] = [group_cpu_seconds(pgid), time.process_time()]


def group_cpu_seconds(pgid: int) -> float:
    """user + system CPU of every live process in the server's process group (the
    uvicorn supervisor and its workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the name: state ppid pgrp ... utime(11) stime(12)
            total += int(fields[11]) + int(fields[12])
    return total / tick


async def client_loop(post: Poster, n: int, stop: float, lat: list[float], errors: list[int]) -> None:
    i = n
    while time.perf_counter() < stop:
        t0 = time.perf_counter()
        status = await post(BODIES[i % len(BODIES)])
        lat.append(time.perf_counter() - t0)
        if status != 200:
            errors.append(status)
        i += 1


async def paced_loop(post: Poster, n: int, clients: int, rate: float, t0: float, stop: float,
                     lat: list[float], errors: list[int]) -> None:
    """One client of an open-loop run: it sends every ``clients / rate`` seconds on a fixed
    schedule (staggered against the other clients) and each latency is counted from the
    request's scheduled time, so a slow answer also counts against the requests it
    delayed (no coordinated omission)."""
    period = clients / rate
    k = 0
    while True:
        due = t0 + (n / clients + k) * period
        if due >= stop:
            return
        now = time.perf_counter()
        if due > now:
            await asyncio.sleep(due - now)
        status = await post(BODIES[(n + k) % len(BODIES)])
        lat.append(time.perf_counter() - due)
        if status != 200:
            errors.append(status)
        k += 1


async def drive(post: Poster, clients: int, seconds: float, rate: float | None,
                start: Callable[[], None]) -> tuple[list[float], list[int], float]:
    async def warm(n: int) -> None:
        # Every connection (and so every worker it landed on) until it answers 200 for
        # several names: a worker still loading its lists answers 503.
        ok, deadline = 0, time.perf_counter() + 600
        while ok < 4 and time.perf_counter() < deadline:
            if await post(BODIES[(n + ok) % len(BODIES)]) == 200:
                ok += 1
            else:
                await asyncio.sleep(0.5)

    await asyncio.gather(*(warm(n) for n in range(clients)))
    # then WARM_UP seconds of full load, not counted: the workers even out their
    # connections (api/balance.py) and fill their per-list caches, as in a running service
    warm_stop = time.perf_counter() + WARM_UP
    await asyncio.gather(*(client_loop(post, n, warm_stop, [], []) for n in range(clients)))
    lat: list[float] = []
    errors: list[int] = []
    start()
    t0 = time.perf_counter()
    stop = t0 + seconds
    if rate:
        await asyncio.gather(*(paced_loop(post, n, clients, rate, t0, stop, lat, errors) for n in range(clients)))
    else:
        await asyncio.gather(*(client_loop(post, n, stop, lat, errors) for n in range(clients)))
    return lat, errors, time.perf_counter() - t0


class RawPool:
    """Keep-alive HTTP/1.1 connections on asyncio streams, one per concurrent request:
    the leanest client we can write (about a third of aiohttp's CPU per request), since
    whatever the client spends is taken from the server on a shared machine.  A
    ``Connection: close`` answer (the server rebalancing its workers) is honoured."""

    def __init__(self, base: str, path: str, headers: dict[str, str]) -> None:
        host, _, port = base.removeprefix("http://").partition(":")
        self.host, self.port = host, int(port)
        head = f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items())
        self.head = head.encode()
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.all: list[asyncio.StreamWriter] = []

    async def post(self, data: bytes) -> int:
        if self.idle:
            try:  # a keep-alive connection the server may have timed out meanwhile
                return await self._exchange(*self.idle.pop(), data)
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
        reader, writer = await asyncio.open_connection(self.host, self.port)
        self.all.append(writer)
        return await self._exchange(reader, writer, data)

    async def _exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, data: bytes) -> int:
        writer.write(self.head + b"Content-Length: %d\r\n\r\n" % len(data) + data)
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length, close = 0, False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and b"close" in value.lower():
                close = True
        await reader.readexactly(length)
        if close:
            writer.close()
        else:
            self.idle.append((reader, writer))
        return status

    def close(self) -> None:
        for writer in self.all:
            writer.close()


async def run(base: str, key: str, clients: int, seconds: float, kind: str, rate: float | None,
              start: Callable[[], None]) -> tuple[list[float], list[int], float]:
    headers = {"Authorization": f"ApiKey {key}", "Content-Type": "application/json"}
    url = f"{base}/match/default"
    if kind == "raw":
        pool = RawPool(base, "/match/default", headers)
        try:
            return await drive(pool.post, clients, seconds, rate, start)
        finally:
            pool.close()
    if kind == "httpx":
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(headers=headers, limits=limits, timeout=30) as hx:
            async def post_httpx(data: bytes) -> int:
                r = await hx.post(url, content=data)
                return r.status_code

            return await drive(post_httpx, clients, seconds, rate, start)
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(headers=headers, connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=30)) as session:
        async def post_aiohttp(data: bytes) -> int:
            async with session.post(url, data=data) as r:
                await r.read()
                return r.status

        return await drive(post_aiohttp, clients, seconds, rate, start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--ready-timeout", type=float, default=600.0)
    ap.add_argument("--client", choices=("raw", "aiohttp", "httpx"), default="raw")
    ap.add_argument("--db-url", default="", help="store URL (default: a fresh SQLite file); e.g. a PostgreSQL URL")
    ap.add_argument("--rates", default="300,600",
                    help="offered loads (req/s, comma-separated) for the open-loop runs after the closed loop; '' for none")
    args = ap.parse_args()
    rates = [float(r) for r in args.rates.split(",") if r.strip()]

    tmp = Path(tempfile.mkdtemp(prefix="uavscreen-bench-"))
    env = {**os.environ, "UAVSCREEN_HOME": str(tmp),
           "UAVSCREEN_DB_URL": args.db_url or f"sqlite:///{tmp / 'bench.sqlite3'}"}
    os.environ.update({k: env[k] for k in ("UAVSCREEN_HOME", "UAVSCREEN_DB_URL")})
    store = open_store()
    with store.session() as s:
        key, _ = keys.create_key(s, "service", "bench", actor="bench")
    store.dispose()
    port = free_port()
    exe = Path(sys.executable).parent / "uavscreen"
    server = subprocess.Popen([str(exe), "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--workers", str(args.workers)], env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        t0 = time.perf_counter()
        while True:
            if server.poll() is not None:
                raise SystemExit(f"server exited with {server.returncode}")
            try:
                # each worker loads the lists; wait until several probes in a row say ready
                if all(httpx.get(f"{base}/readyz", timeout=2).status_code == 200 for _ in range(args.workers * 4)):
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - t0 > args.ready_timeout:
                raise SystemExit("server not ready in time")
            time.sleep(1)
        ready_s = time.perf_counter() - t0
        load_before = os.getloadavg()[0]
        cores = os.cpu_count() or 1
        print(f"bench_api: POST /match/default, {args.clients} concurrent clients ({args.client}), {args.workers} "
              f"uvicorn workers, {cores} cores (client shares the machine), store {env['UAVSCREEN_DB_URL'].split(':')[0]}, "
              f"{args.seconds:.0f}s a run; lists ready "
              f"after {ready_s:.1f}s; 1-min load average before the runs {load_before:.1f}")
        print("  target: >= 300 req/s and p99 <= 50 ms; yente reference ~4 req/s per vCPU")
        for rate in [None, *rates]:
            cpu0: list[float] = []
            start = partial(mark_cpu, cpu0, server.pid)  # CPU counted from the end of the warm-up
            lat, errors, wall = uvloop.run(run(base, key, args.clients, args.seconds, args.client, rate, start))
            server_cpu = group_cpu_seconds(server.pid) - cpu0[0]
            client_cpu = time.process_time() - cpu0[1]
            report(rate, lat, errors, wall, server_cpu, client_cpu, cores)
    finally:
        stop_group(server)
        for _ in range(5):  # a worker's last cache write may land while we remove
            shutil.rmtree(tmp, ignore_errors=True)
            if not tmp.exists():
                break
            time.sleep(0.5)


def report(rate: float | None, lat: list[float], errors: list[int], wall: float, server_cpu: float,
           client_cpu: float, cores: int) -> None:
    lat.sort()
    n = len(lat)

    def pct(p: float) -> float:
        return lat[min(n - 1, int(n * p))] * 1000

    by_status = ", ".join(f"{code}: {k}" for code, k in sorted(Counter(errors).items()))
    what = (f"open loop, {rate:.0f} req/s offered" if rate else
            "closed loop (each client sends again as soon as answered: saturation)")
    print(f"  {what}:")
    print(f"    {n / wall:.0f} req/s ({n / wall / cores:.0f} per core); requests {n}, errors {len(errors)} "
          f"{{{by_status}}}")
    print(f"    latency p50 {statistics.median(lat) * 1000:.1f} ms, p90 {pct(0.9):.1f} ms, p99 {pct(0.99):.1f} ms"
          + ("  (from each request's scheduled time)" if rate else ""))
    print(f"    CPU per request: server {server_cpu / n * 1000:.2f} ms (all its processes), client "
          f"{client_cpu / n * 1000:.2f} ms; server used {server_cpu / wall:.2f} of {cores} cores")

if __name__ == "__main__":
    main()
