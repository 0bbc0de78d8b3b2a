"""Benchmark: 20 concurrent clients browsing the demo scenario (10,000 organisations).

Target (web platform issue): p95 under 150 ms for directory search and profile pages, and no
errors, on SQLite and on PostgreSQL. Baseline, measured in the same run: the same pages
requested by a single client, one at a time.

The server runs as `clusterbridge serve` in its own process (one worker) on 127.0.0.1; the
clients are asyncio tasks in this process. Requests are bounded in number and time.

Usage: python benchmarks/web_load.py [--clients 20] [--requests 40]
PostgreSQL too when CLUSTERBRIDGE_BENCH_DATABASE_URL is set (its public schema is recreated).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2
from sqlalchemy import select, text

from clusterbridge.core import migrate
from clusterbridge.core.db import make_engine, transaction
from clusterbridge.demo.scenario import generate
from clusterbridge.registry.importers.tables import import_tables
from clusterbridge.registry.models import Cluster, Organisation

WORDS = [
    "battery",
    "packaging",
    "robot",
    "hydrogen",
    "semiconductor",
    "food",
    "health",
    "Barcelona",
    "Ansan",
    "textile",
]
COUNTRIES = ["", "ES", "KR", "DE", "FR"]
KINDS = ["", "company", "startup", "university", "research_centre"]


def prepare(url: str) -> tuple[list[int], list[int]]:
    """A fresh database with the demo scenario; returns organisation and cluster ids."""
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    migrate.upgrade(engine)
    import_tables(generate(), actor="bench", engine=engine)
    with transaction(engine) as session:
        organisations = list(session.scalars(select(Organisation.id)))
        clusters = list(session.scalars(select(Cluster.id)))
    engine.dispose()
    return organisations, clusters


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CLUSTERBRIDGE_DATABASE_URL": url}
    command = [sys.executable, "-m", "clusterbridge", "serve", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200:
                return process
        except httpx2.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def next_request(
    rng: random.Random, organisations: list[int], clusters: list[int]
) -> tuple[str, str]:
    """(page kind, path) drawn like a visitor's browsing: searches, then profiles."""
    roll = rng.random()
    if roll < 0.45:
        query = f"q={rng.choice(WORDS)}&country={rng.choice(COUNTRIES)}&kind={rng.choice(KINDS)}"
        return "directory search", f"/organisations?{query}&page={rng.randint(1, 3)}"
    if roll < 0.85:
        return "organisation profile", f"/organisations/{rng.choice(organisations)}"
    return "cluster profile", f"/clusters/{rng.choice(clusters)}"


async def client(
    base: str,
    seed: int,
    count: int,
    ids: tuple[list[int], list[int]],
    timings: dict[str, list[float]],
    errors: list[str],
) -> None:
    rng = random.Random(seed)
    async with httpx2.AsyncClient(base_url=base, timeout=30) as http:
        for _ in range(count):
            kind, path = next_request(rng, *ids)
            started = time.perf_counter()
            response = await http.get(path)
            timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                errors.append(f"{response.status_code} {path}")


def run_clients(
    base: str, clients: int, count: int, ids: tuple[list[int], list[int]]
) -> tuple[dict[str, list[float]], list[str], float]:
    timings: dict[str, list[float]] = {}
    errors: list[str] = []
    started = time.perf_counter()

    async def main() -> None:
        await asyncio.gather(
            *(client(base, seed, count, ids, timings, errors) for seed in range(clients))
        )

    asyncio.run(main())
    return timings, errors, time.perf_counter() - started


def p(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]
        if len(values) > 1
        else values[0]
    )


def measure(name: str, url: str, clients: int, count: int) -> list[str]:
    ids = prepare(url)
    port = free_port()
    server = start_server(url, port)
    base = f"http://127.0.0.1:{port}"
    try:
        run_clients(base, 1, 20, ids)  # warm-up
        single, _, _ = run_clients(base, 1, count, ids)
        loaded, errors, seconds = run_clients(base, clients, count, ids)
    finally:
        server.terminate()
        server.wait(timeout=10)
    total = sum(len(v) for v in loaded.values())
    rate = total / seconds
    print(f"{name}: {total} requests, {clients} clients, {seconds:.1f} s ({rate:.0f}/s)")
    print(f"{name}: {len(errors)} errors")
    rows = []
    for kind in sorted(loaded):
        one, many = single[kind], loaded[kind]
        rows.append(
            f"| {name} | {kind} | {p(one, 50):.0f} / {p(one, 95):.0f} ms | "
            f"{p(many, 50):.0f} / {p(many, 95):.0f} / {p(many, 99):.0f} ms | {len(many)} |"
        )
    if errors:
        rows.append(f"| {name} | errors | | {len(errors)}: {errors[:3]} | |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=40, help="per client")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        rows += measure(
            "SQLite", f"sqlite:///{Path(folder) / 'load.db'}", args.clients, args.requests
        )
    if os.environ.get("CLUSTERBRIDGE_BENCH_DATABASE_URL"):
        rows += measure(
            "PostgreSQL",
            os.environ["CLUSTERBRIDGE_BENCH_DATABASE_URL"],
            args.clients,
            args.requests,
        )
    print(
        "\n| database | page | one client p50 / p95 (baseline) "
        f"| {args.clients} clients p50 / p95 / p99 | requests |"
    )
    print("| --- | --- | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
