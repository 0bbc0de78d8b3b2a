"""Benchmark: the CORDIS Horizon 2020 import (144,726 participations) into an empty database.

Target (registry issue): the full file loads in under a minute on SQLite, with a progress bar.
Baselines measured in the same run, on the same files:
- csv floor: reading and splitting both gzipped files with the csv module and nothing else,
  the floor for any importer;
- naive ORM: one ORM object per organisation, project, participation and programme part,
  session.add row by row (flushed every 1,000 rows), one commit, no validation and no audit;
  stopped after --naive-budget seconds and extrapolated if it has not finished by then.
Also shown: the validation alone, and a re-import of the same files (which changes nothing).

Usage: python benchmarks/import_cordis.py [--data DIR] [--naive-budget SECONDS]
PostgreSQL too when CLUSTERBRIDGE_BENCH_DATABASE_URL is set (in a temporary schema, dropped
afterwards, so the database's own tables are not touched).
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from clusterbridge.core import migrate
from clusterbridge.core.db import make_engine, transaction
from clusterbridge.registry import models as m
from clusterbridge.registry.enums import OrganisationKind, ParticipantRole
from clusterbridge.registry.importers.cordis import import_cordis
from clusterbridge.registry.importers.cordis_parse import read_cordis

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cordis-h2020"
EXPECTED = {"organisations": 35_871, "collaborations": 31_451, "participations": 144_726}
KINDS = {"PRC": "company", "HES": "university", "REC": "research_centre", "PUB": "public_body"}


def gz_rows(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def csv_floor(participations: Path, parts: Path) -> float:
    """Seconds to read and split both files, doing nothing with the rows."""
    started = time.perf_counter()
    for path in (participations, parts):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            for _ in csv.reader(handle):
                pass
    return time.perf_counter() - started


def validation_only(participations: Path, parts: Path) -> float:
    started = time.perf_counter()
    read_cordis(participations, parts, lambda *_: None)
    return time.perf_counter() - started


def ours(engine: Engine, participations: Path, parts: Path) -> tuple[float, float]:
    """Seconds for our import into the empty database, then for re-importing the same files."""
    first = import_cordis(participations, parts, engine=engine)
    assert first.organisations_created == EXPECTED["organisations"], first
    assert first.collaborations_created == EXPECTED["collaborations"], first
    assert first.participations == EXPECTED["participations"], first
    again = import_cordis(participations, parts, engine=engine)
    assert again.organisations_unchanged == EXPECTED["organisations"], again
    assert again.collaborations_unchanged == EXPECTED["collaborations"], again
    return first.seconds, again.seconds


def _none(value: str) -> str | None:
    return None if value in ("", "NA") else value


class _OutOfTime(Exception):
    def __init__(self, done: int) -> None:
        self.done = done


def naive_orm(engine: Engine, participations: Path, parts: Path, budget: float) -> str:
    """What a first implementation would do: ORM objects row by row, one commit."""
    started = time.perf_counter()
    try:
        with transaction(engine) as session:
            _naive_rows(session, participations, parts, started + budget)
    except _OutOfTime as stop:
        share = stop.done / EXPECTED["participations"]
        estimate = (time.perf_counter() - started) / share
        return f"> {budget:.0f} (stopped at {share:.0%}; ~{estimate:.0f} extrapolated)"
    return f"{time.perf_counter() - started:.1f}"


def _naive_rows(session: Session, participations: Path, parts: Path, deadline: float) -> None:
    """Add every row as ORM objects, flushing every 1,000 rows (so the budget can be checked)."""
    organisations: dict[str, m.Organisation] = {}
    projects: dict[str, m.Collaboration] = {}
    for done, row in enumerate(gz_rows(participations), start=1):
        organisation = organisations.get(row["pic"]) or _naive_organisation(organisations, row)
        contribution = _none(row["contribution"])
        session.add(
            m.Participation(
                collaboration=projects.get(row["rcn"]) or _naive_project(projects, row),
                organisation=organisation,
                role=ParticipantRole(row["role"]),
                contribution=Decimal(contribution) if contribution else None,
            )
        )
        if done % 1000 == 0:
            session.flush()
            if time.perf_counter() > deadline:
                raise _OutOfTime(done)
    for row in gz_rows(parts):
        if row["rcn"] in projects:
            part = m.CollaborationProgrammePart(part=row["programme_part"])
            projects[row["rcn"]].programme_parts.append(part)


def _naive_organisation(known: dict[str, m.Organisation], row: dict[str, str]) -> m.Organisation:
    organisation = known[row["pic"]] = m.Organisation(
        external_id=f"pic:{row['pic']}",
        pic=row["pic"],
        name=f"PIC {row['pic']}",
        kind=OrganisationKind(KINDS.get(row["type"], "other")),
        country={"EL": "GR", "UK": "GB"}.get(row["country"], row["country"]),
    )
    return organisation


def _naive_project(known: dict[str, m.Collaboration], row: dict[str, str]) -> m.Collaboration:
    start, end, cost = _none(row["start_date"]), _none(row["end_date"]), _none(row["total_cost"])
    year = _none(row["start_year"])
    project = known[row["rcn"]] = m.Collaboration(
        external_id=f"cordis:{row['rcn']}",
        source="cordis",
        programme="H2020",
        year=int(year) if year else None,
        start_date=date.fromisoformat(start) if start else None,
        end_date=date.fromisoformat(end) if end else None,
        total_cost=Decimal(cost) if cost else None,
        funding=Decimal(row["max_contribution"]),
    )
    return project


@contextmanager
def sqlite_database() -> Iterator[Engine]:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        migrate.upgrade(engine)
        yield engine
        engine.dispose()


@contextmanager
def postgres_schema(url: str) -> Iterator[Engine]:
    """A migrated temporary schema, dropped afterwards."""
    schema = f"bench_cordis_{os.getpid()}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        migrate.upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def measure(
    backend: str,
    database: Callable[[], AbstractContextManager[Engine]],
    files: tuple[Path, Path],
    budget: float,
) -> str:
    """One Markdown table row for a backend: our import, re-import and the naive baseline."""
    with database() as engine:
        first, again = ours(engine, *files)
    naive = "skipped"
    if budget > 0:
        with database() as engine:
            naive = naive_orm(engine, *files, budget)
    return f"| {backend} | {first:.1f} | {again:.1f} | {naive} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the two files")
    parser.add_argument("--naive-budget", type=float, default=240, help="seconds; 0 skips it")
    args = parser.parse_args()
    files = (args.data / "h2020.csv.gz", args.data / "programme_parts.csv.gz")
    floor, validation = csv_floor(*files), validation_only(*files)
    print(f"csv floor (read and split both files): {floor:.1f} s")
    print(f"our validation alone: {validation:.1f} s")
    print("| database | import (s) | re-import, no change (s) | naive ORM (s) |")
    print("|---|---:|---:|---:|")
    print(measure("SQLite", sqlite_database, files, args.naive_budget), flush=True)
    url = os.environ.get("CLUSTERBRIDGE_BENCH_DATABASE_URL")
    if url:
        database = functools.partial(postgres_schema, url)
        print(measure("PostgreSQL", database, files, args.naive_budget), flush=True)


if __name__ == "__main__":
    main()
