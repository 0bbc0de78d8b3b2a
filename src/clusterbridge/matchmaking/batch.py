"""Partner rankings for a file of new projects, from the collaboration history in the registry.

``clusterbridge match batch`` reads queries (``query_id, pic, country, type, programme_parts,
start_year``), fits the ranker on the year before each query year (never on that year or
later), ranks the organisations worth scoring for each query and writes ``query_id, rank,
pic, score``. A coordinator PIC the registry does not know still gets a ranking (from
programme activity, kinds and countries); organisations without a PIC cannot be named in the
output and are skipped.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
from sqlalchemy import Engine

from clusterbridge.core.db import transaction
from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.matchmaking.engine.history import History, Organisation
from clusterbridge.matchmaking.engine.ranker import Query, Ranker, feature_matrix, fit_for_year
from clusterbridge.matchmaking.history_source import HistoryInputs as Registry
from clusterbridge.matchmaking.history_source import load_history
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.importers.cordis_files import read_table, shown
from clusterbridge.registry.importers.cordis_parse import (
    parse_country,
    parse_id,
    parse_kind,
    parse_year,
)

T = TypeVar("T")
Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``, called as long work advances."""

QUERY_COLUMNS = ("query_id", "pic", "country", "type", "programme_parts", "start_year")
OUTPUT_COLUMNS = ("query_id", "rank", "pic", "score")
CANDIDATES = 300
"""Organisations scored per query (the rest of the registry scores lower on every signal)."""


@dataclass(frozen=True)
class BatchQuery:
    """One row of the queries file."""

    query_id: str
    pic: str | None
    country: str | None
    kind: str | None
    parts: tuple[str, ...]
    year: int


@dataclass(frozen=True)
class Ranked:
    """One row of the output: the ``rank``-th partner suggested for a query."""

    query_id: str
    rank: int
    pic: str
    score: float


@dataclass(frozen=True)
class BatchSummary:
    """What a batch run did."""

    queries: int
    newcomers: int
    rows: int
    fitted_years: tuple[int, ...]
    unfitted_years: tuple[int, ...]
    seconds: float


def read_queries(path: Path) -> list[BatchQuery]:
    """Validate the whole queries file; raise :class:`InvalidInput` naming file, row and
    column of every problem (the header is row 1)."""
    problems: list[Problem] = []
    queries: list[BatchQuery] = []
    seen: set[str] = set()
    for row, cells, index in read_table(path, QUERY_COLUMNS, problems, _silent):
        query = _QueryRow(str(path), row, cells, index, problems).read()
        if query is None:
            continue
        if query.query_id in seen:
            problems.append(Problem("query_id repeats an earlier row", str(path), row, "query_id"))
        seen.add(query.query_id)
        queries.append(query)
    if problems:
        raise InvalidInput(problems)
    return queries


class _QueryRow:
    """Reads one row's cells, collecting a problem per bad cell."""

    def __init__(
        self, file: str, row: int, cells: list[str], index: dict[str, int], problems: list[Problem]
    ) -> None:
        self.file, self.row, self.cells, self.index = file, row, cells, index
        self.problems = problems
        self.failed = False

    def cell(self, column: str) -> str:
        return self.cells[self.index[column]].strip()

    def value(self, column: str, parse: Callable[[str], T]) -> T | None:
        """The parsed cell, None when empty or bad (a bad one is reported)."""
        text = self.cell(column)
        if not text:
            return None
        try:
            return parse(text)
        except ValueError as error:
            self.problems.append(Problem(str(error), self.file, self.row, column, shown(text)))
            self.failed = True
            return None

    def read(self) -> BatchQuery | None:
        query_id = self.cell("query_id")
        if not query_id:
            self.problems.append(Problem("empty query_id", self.file, self.row, "query_id"))
            self.failed = True
        pic = self.value("pic", parse_id)
        country = self.value("country", parse_country)
        kind = self.value("type", _parse_type)
        year = self.value("start_year", parse_year)
        if year is None and not self.failed:
            self.problems.append(Problem("empty start_year", self.file, self.row, "start_year"))
            return None
        parts = tuple(sorted({p.strip() for p in self.cell("programme_parts").split(";")} - {""}))
        if self.failed or year is None:
            return None
        return BatchQuery(query_id, pic, country, kind, parts, year)


def _parse_type(value: str) -> str:
    """A CORDIS activity type (PRC, HES, REC, PUB, OTH) or an organisation kind's value."""
    try:
        return OrganisationKind(value.lower()).value
    except ValueError:
        return parse_kind(value).value


def _silent(_stage: str, _done: int, _total: int) -> None:
    return None


def load_registry(engine: Engine | None = None) -> Registry:
    """Projects, organisations and PICs: a handful of queries whatever the registry's size."""
    with transaction(engine) as session:
        return load_history(session)


def rank_queries(
    queries: Sequence[BatchQuery], registry: Registry, k: int, progress: Progress = _silent
) -> tuple[list[Ranked], BatchSummary]:
    """The ``k`` best partners with a PIC for each query, query years taken one at a time."""
    started = time.perf_counter()
    by_pic = {pic: key for key, pic in registry.pics.items()}
    facts = {o.key: o for o in registry.organisations}
    ranked: list[Ranked] = []
    fitted: list[int] = []
    unfitted: list[int] = []
    done = 0
    for year in sorted({q.year for q in queries}):
        ranker = fit_for_year(registry.projects, registry.organisations, year, CANDIDATES, progress)
        (fitted if ranker is not None else unfitted).append(year)
        history = History.build(registry.projects, registry.organisations, before_year=year)
        for batch_query in (q for q in queries if q.year == year):
            query = _engine_query(batch_query, by_pic, facts)
            ranked += _rank_one(history, ranker, query, batch_query.query_id, registry.pics, k)
            done += 1
            if done % 50 == 0 or done == len(queries):
                progress("ranking queries", done, len(queries))
    newcomers = sum(1 for q in queries if q.pic not in by_pic)
    summary = BatchSummary(
        len(queries), newcomers, len(ranked), tuple(fitted), tuple(unfitted),
        time.perf_counter() - started,
    )  # fmt: skip
    return ranked, summary


def _engine_query(
    query: BatchQuery, by_pic: dict[str, int], facts: dict[int, Organisation]
) -> Query:
    """The engine's query; country and kind left empty fall back to the registry's."""
    org = by_pic.get(query.pic) if query.pic is not None else None
    known = facts.get(org) if org is not None else None
    return Query(
        org=org,
        parts=query.parts,
        year=query.year,
        country=query.country or (known.country if known else None),
        kind=query.kind or (known.kind if known else None),
    )


def _rank_one(
    history: History,
    ranker: Ranker | None,
    query: Query,
    query_id: str,
    pics: dict[int, str],
    k: int,
) -> list[Ranked]:
    """Score the query's candidates and keep the ``k`` best that have a PIC. Without a fitted
    ranker (no earlier year to learn from) the candidates keep the history's own order."""
    candidates = history.candidates(query.org, query.parts, CANDIDATES)
    if ranker is not None:
        scores = ranker.score(feature_matrix(history, query, candidates, ranker.features))
    else:
        scores = -np.arange(len(candidates), dtype=np.float64)
    rows: list[Ranked] = []
    for at in np.lexsort((candidates, -scores)):
        pic = pics.get(int(candidates[at]))
        if pic is None:
            continue
        rows.append(Ranked(query_id, len(rows) + 1, pic, float(scores[at])))
        if len(rows) == k:
            break
    return rows


def write_rankings(path: Path, rows: Sequence[Ranked]) -> None:
    """Write ``query_id, rank, pic, score`` (rank from 1 within each query)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(OUTPUT_COLUMNS)
        for row in rows:
            writer.writerow((row.query_id, row.rank, row.pic, f"{row.score:.6f}"))


def run_batch(
    queries: Path,
    k: int,
    out: Path,
    *,
    progress: Progress = _silent,
    engine: Engine | None = None,
) -> BatchSummary:
    """Read and check the queries, rank them from the registry's history, write the output."""
    if k < 1:
        raise InvalidInput([Problem("must be at least 1", column="--k", value=str(k))])
    if not out.parent.is_dir():
        raise InvalidInput([Problem("the output's folder does not exist", file=str(out))])
    checked = read_queries(queries)
    registry = load_registry(engine)
    progress("loading the registry", 1, 1)
    rows, summary = rank_queries(checked, registry, k, progress)
    write_rankings(out, rows)
    return summary
