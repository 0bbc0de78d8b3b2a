"""Benchmark: 20 concurrent clients browsing the demo scenario (10,000 organisations).

Target (web platform issue): p95 under 150 ms for directory search and profile pages, and no
errors, on SQLite and on PostgreSQL. Baseline, measured in the same run: the same pages
requested by a single client, one at a time.

The server runs as `clusterbridge serve` in its own process (one worker) on 127.0.0.1; the
clients are asyncio tasks in this process. Requests are bounded in number and time.

Clients pause between pages like people browsing (--think-ms, mean 1 s, uniform from half to
one and a half times it); --think-ms 0 turns the run into a stress test with no pause at all.

Usage: python benchmarks/web_load.py [--clients 20] [--requests 40] [--think-ms 1000]
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
from dataclasses import dataclass, field
from pathlib import Path

import httpx2
from sqlalchemy import select, text

from clusterbridge.core import migrate
from clusterbridge.core.db import make_engine, transaction
from clusterbridge.demo.scenario import generate
from clusterbridge.registry.importers.tables import import_tables
from clusterbridge.registry.models import Cluster, Organisation

Ids = tuple[list[int], list[int]]
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


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CLUSTERBRIDGE_DATABASE_URL": url}
    command = [sys.executable, "-m", "clusterbridge", "serve", "--port", str(port)]
    command += ["--workers", str(workers)]
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


@dataclass(frozen=True)
class Load:
    """How the clients behave: how many, how many pages each, and the pause between pages."""

    clients: int
    requests: int
    think_ms: float
    workers: int = 1


@dataclass
class Results:
    timings: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


async def client(base: str, seed: int, load: Load, ids: Ids, results: Results) -> None:
    rng = random.Random(seed)
    async with httpx2.AsyncClient(base_url=base, timeout=30) as http:
        for _ in range(load.requests):
            kind, path = next_request(rng, *ids)
            started = time.perf_counter()
            response = await http.get(path)
            results.timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                results.errors.append(f"{response.status_code} {path}")
            if load.think_ms:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * load.think_ms / 1000)


def run_clients(base: str, load: Load, ids: Ids) -> Results:
    results = Results()
    started = time.perf_counter()

    async def main() -> None:
        await asyncio.gather(
            *(client(base, seed, load, ids, results) for seed in range(load.clients))
        )

    asyncio.run(main())
    results.seconds = time.perf_counter() - started
    return results


def p(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]
        if len(values) > 1
        else values[0]
    )


def table_rows(name: str, single: Results, loaded: Results) -> list[str]:
    rows = []
    for kind in sorted(loaded.timings):
        one, many = single.timings[kind], loaded.timings[kind]
        rows.append(
            f"| {name} | {kind} | {p(one, 50):.0f} / {p(one, 95):.0f} ms | "
            f"{p(many, 50):.0f} / {p(many, 95):.0f} / {p(many, 99):.0f} ms | {len(many)} |"
        )
    if loaded.errors:
        rows.append(f"| {name} | errors | | {len(loaded.errors)}: {loaded.errors[:3]} | |")
    return rows


def measure(name: str, url: str, load: Load) -> list[str]:
    ids = prepare(url)
    port = free_port()
    server = start_server(url, port, load.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        run_clients(base, Load(1, 20, 0), ids)  # warm-up
        single = run_clients(base, Load(1, load.requests, 0), ids)
        loaded = run_clients(base, load, ids)
    finally:
        server.terminate()
        server.wait(timeout=10)
    total = sum(len(v) for v in loaded.timings.values())
    rate = total / loaded.seconds
    print(
        f"{name}: {total} requests, {load.clients} clients, think {load.think_ms:.0f} ms, "
        f"{load.workers} worker(s)"
    )
    print(f"{name}: {loaded.seconds:.1f} s ({rate:.0f}/s), {len(loaded.errors)} errors")
    return table_rows(name, single, loaded)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=40, help="per client")
    parser.add_argument(
        "--think-ms", type=float, default=1000, help="mean pause between pages (0: no pause)"
    )
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    args = parser.parse_args()
    load = Load(args.clients, args.requests, args.think_ms, args.workers)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        rows += measure("SQLite", f"sqlite:///{Path(folder) / 'load.db'}", load)
    if os.environ.get("CLUSTERBRIDGE_BENCH_DATABASE_URL"):
        rows += measure("PostgreSQL", os.environ["CLUSTERBRIDGE_BENCH_DATABASE_URL"], load)
    print(
        "\n| database | page | one client p50 / p95 (baseline) "
        f"| {load.clients} clients p50 / p95 / p99 | requests |"
    )
    print("| --- | --- | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
