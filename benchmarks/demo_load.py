"""Benchmark: generating and loading the demo scenario into an empty database.

Target (registry issue): the 10,000-organisation scenario loads into an empty database in
under 30 s. Baseline, measured in the same run: the organisations loaded the straightforward
way (ORM objects with their code rows, one commit, no validation and no audit), next to our
import of the same organisations (validation, bulk insert and audit).

Usage: python benchmarks/demo_load.py [--organisations N]
PostgreSQL too when CLUSTERBRIDGE_BENCH_DATABASE_URL is set (its public schema is recreated).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, text

from clusterbridge.core import migrate
from clusterbridge.core.db import make_engine, transaction
from clusterbridge.demo.scenario import generate
from clusterbridge.registry import models as m
from clusterbridge.registry.importers.parsers import (
    country,
    emerging_industries,
    industries,
    nuts,
    region,
    technologies,
)
from clusterbridge.registry.importers.tables import import_tables


def fresh(url: str) -> Engine:
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    migrate.upgrade(engine)
    return engine


def warm_up() -> None:
    """Load the code lists once (NUTS takes about a second), so no timing below pays for it."""
    for parse, value in ((country, "ES"), (region, "ES-CT"), (nuts, "ES51"), (industries, "29.10")):
        parse(value)


def naive_orm(engine: Engine, rows: list[dict[str, str]]) -> None:
    """What a first implementation would do: one ORM object per row, codes as children."""
    with transaction(engine) as session:
        for row in rows:
            codes = [
                m.OrganisationCode(vocabulary=v, code=c)
                for parse, column in (
                    (industries, "industries"),
                    (technologies, "technologies"),
                    (emerging_industries, "emerging_industries"),
                )
                for v, c in parse(row[column])
            ]
            session.add(
                m.Organisation(
                    external_id=row["external_id"],
                    kind=row["kind"],
                    name=row["name"],
                    country=row["country"] or None,
                    city=row["city"] or None,
                    description=row["description"] or None,
                    codes=codes,
                )
            )


def timed(label: str, func: object, *args: object, **kwargs: object) -> float:
    started = time.perf_counter()
    func(*args, **kwargs)  # type: ignore[operator]
    seconds = time.perf_counter() - started
    print(f"  {label:<58} {seconds:7.2f} s")
    return seconds


def run(url: str, tables: dict[str, list[dict[str, str]]]) -> dict[str, float]:
    print(f"database: {make_engine(url).dialect.name}")
    organisations = {"organisations": tables["organisations"]}
    return {
        "baseline": timed(
            "baseline: organisations, plain ORM", naive_orm, fresh(url), tables["organisations"]
        ),
        "ours_orgs": timed(
            "ours: organisations, validated + audited import",
            import_tables,
            organisations,
            actor="bench",
            engine=fresh(url),
        ),
        "full": timed(
            "ours: whole scenario (8 tables)",
            import_tables,
            tables,
            actor="bench",
            engine=fresh(url),
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=10_000)
    args = parser.parse_args()
    warm_up()
    started = time.perf_counter()
    tables = generate(organisations=args.organisations)
    print(f"generate({args.organisations:,}): {time.perf_counter() - started:.2f} s")
    rows = {name: len(items) for name, items in tables.items()}
    print("rows:", ", ".join(f"{k} {v:,}" for k, v in rows.items()))
    with tempfile.TemporaryDirectory() as folder:
        results = {"SQLite": run(f"sqlite:///{Path(folder) / 'bench.db'}", tables)}
    if os.environ.get("CLUSTERBRIDGE_BENCH_DATABASE_URL"):
        results["PostgreSQL"] = run(os.environ["CLUSTERBRIDGE_BENCH_DATABASE_URL"], tables)
    columns = ["organisations: plain ORM (baseline)", "organisations: our import", "whole scenario"]
    print("\n| database | " + " | ".join(columns) + " |")
    print("| --- | ---: | ---: | ---: |")
    for name, r in results.items():
        print(f"| {name} | {r['baseline']:.1f} s | {r['ours_orgs']:.1f} s | {r['full']:.1f} s |")


if __name__ == "__main__":
    main()
