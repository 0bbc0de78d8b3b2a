"""Benchmark: partner recommendation on CORDIS Horizon 2020, the data README's protocol.

For an evaluation year Y: the rows of projects starting up to Y-1 are imported with
`import_cordis` into a fresh SQLite database; the queries are the projects of year Y whose
coordinator appears in training (and that have at least one other partner appearing in
training: the truth); `clusterbridge match batch` ranks them (timed, as a user runs it) and
its output is scored. In the same run: the three baselines (most frequent past partners of the
coordinator, Adamic-Adar on the co-participation graph, most active organisations in the
programme parts) and an ablation, the engine refitted without each signal group.

Targets (matchmaking issue): recall@10 >= 1.3x and MRR@10 >= 1.2x the best baseline; the
batch command under 2 minutes.

Usage: python benchmarks/matchmaking_cordis.py [--years 2018 2019 2020] [--data DIR] [--k 10]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from clusterbridge.core import migrate
from clusterbridge.core.db import make_engine
from clusterbridge.matchmaking.batch import CANDIDATES, load_registry
from clusterbridge.matchmaking.engine.baselines import BASELINES, baseline_ranking
from clusterbridge.matchmaking.engine.history import SIGNAL_GROUPS, SIGNALS, History
from clusterbridge.matchmaking.engine.metrics import METRICS, mean_metrics
from clusterbridge.matchmaking.engine.ranker import (
    Query,
    Ranker,
    feature_matrix,
    training_rows,
)
from clusterbridge.matchmaking.history_source import HistoryInputs as Registry
from clusterbridge.registry.importers.cordis import import_cordis

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cordis-h2020"
KINDS = {"PRC": "company", "HES": "university", "REC": "research_centre", "PUB": "public_body"}


@dataclass(frozen=True)
class EvalQuery:
    """A project of the evaluation year: its coordinator's facts and the partners to find."""

    query_id: str
    pic: str
    country: str
    type: str
    parts: tuple[str, ...]
    year: int
    truth: frozenset[str]


def gz_rows(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def split_files(data: Path, year: int, folder: Path) -> tuple[Path, Path, list[EvalQuery]]:
    """Write the training rows (start_year < year) as plain CSVs; return them and the
    evaluation year's queries."""
    rows = list(gz_rows(data / "h2020.csv.gz"))
    training = [
        r for r in rows if r["start_year"] not in ("", "NA") and int(r["start_year"]) < year
    ]
    participations, parts = folder / "train.csv", folder / "train_parts.csv"
    with participations.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(training)
    kept = {r["rcn"] for r in training}
    project_parts: dict[str, list[str]] = defaultdict(list)
    with parts.open("w", encoding="utf-8", newline="") as handle:
        parts_writer = csv.writer(handle)
        parts_writer.writerow(["rcn", "programme_part"])
        for r in gz_rows(data / "programme_parts.csv.gz"):
            project_parts[r["rcn"]].append(r["programme_part"])
            if r["rcn"] in kept:
                parts_writer.writerow([r["rcn"], r["programme_part"]])
    known = {r["pic"] for r in training}
    return participations, parts, queries_of(rows, year, known, project_parts)


def queries_of(
    rows: list[dict[str, str]], year: int, known: set[str], parts: dict[str, list[str]]
) -> list[EvalQuery]:
    """Projects of ``year`` led by a known coordinator, with their known other partners."""
    projects: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        if r["start_year"] == str(year):
            projects[r["rcn"]].append(r)
    queries = []
    for rcn, members in projects.items():
        leads = [m for m in members if m["role"] == "coordinator"]
        if not leads or leads[0]["pic"] not in known:
            continue
        lead = leads[0]
        truth = frozenset(m["pic"] for m in members if m["pic"] in known) - {lead["pic"]}
        if truth:
            queries.append(
                EvalQuery(
                    rcn, lead["pic"], lead["country"], lead["type"],
                    tuple(sorted(set(parts.get(rcn, [])))), year, truth,
                )
            )  # fmt: skip
    return queries


def write_queries(path: Path, queries: list[EvalQuery]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["query_id", "pic", "country", "type", "programme_parts", "start_year"])
        for q in queries:
            writer.writerow([q.query_id, q.pic, q.country, q.type, ";".join(q.parts), q.year])


def run_batch_command(database: str, queries: Path, out: Path, k: int) -> float:
    """Wall seconds of `clusterbridge match batch`, run as a user would."""
    env = os.environ | {"CLUSTERBRIDGE_DATABASE_URL": database}
    command = [sys.executable, "-c", "from clusterbridge.cli.main import main; main()"]
    command += ["match", "batch"]
    started = time.perf_counter()
    subprocess.run(
        [*command, "--queries", str(queries), "--k", str(k), "--out", str(out)],
        env=env, check=True,
    )  # fmt: skip
    return time.perf_counter() - started


def read_rankings(path: Path) -> dict[str, list[str]]:
    rankings: dict[str, list[str]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rankings[row["query_id"]].append(row["pic"])
    return rankings


def scored(rankings: dict[str, list[str]], queries: list[EvalQuery], k: int) -> dict[str, float]:
    return mean_metrics(((rankings.get(q.query_id, []), q.truth) for q in queries), k)


def baselines(registry: Registry, queries: list[EvalQuery], k: int) -> dict[str, dict[str, float]]:
    """The three baselines over the same queries, from the same database."""
    history = History.build(registry.projects, registry.organisations, before_year=queries[0].year)
    by_pic = {pic: key for key, pic in registry.pics.items()}
    results = {}
    for name in BASELINES:
        rankings = {
            q.query_id: [
                registry.pics[key]
                for key in baseline_ranking(name, history, by_pic.get(q.pic), q.parts, k)
            ]
            for q in queries
        }
        results[name] = scored(rankings, queries, k)
    return results


def ablation(registry: Registry, queries: list[EvalQuery], k: int) -> dict[str, dict[str, float]]:
    """The engine refitted without each signal group (training rows and test rows built once)."""
    year = queries[0].year
    facts = {o.key: o for o in registry.organisations}
    past = History.build(registry.projects, registry.organisations, before_year=year - 1)
    last_year = [p for p in registry.projects if p.year == year - 1]
    x, relevant, groups = training_rows(past, last_year, facts, CANDIDATES)
    history = History.build(registry.projects, registry.organisations, before_year=year)
    by_pic = {pic: key for key, pic in registry.pics.items()}
    tests = []
    for q in queries:
        org = by_pic[q.pic]
        query = Query(org, q.parts, year, facts[org].country, facts[org].kind)
        candidates = history.candidates(org, q.parts, CANDIDATES)
        tests.append((q.query_id, candidates, feature_matrix(history, query, candidates)))
    results = {}
    for label, dropped in [("engine (in-process)", ())] + [
        (f"without {group}", names) for group, names in SIGNAL_GROUPS.items()
    ]:
        keep = [i for i, name in enumerate(SIGNALS) if name not in dropped]
        ranker = Ranker.fit(tuple(SIGNALS[i] for i in keep), x[:, keep], relevant, groups)
        rankings = {}
        for query_id, candidates, features in tests:
            order = np.lexsort((candidates, -ranker.score(features[:, keep])))
            rankings[query_id] = [
                registry.pics[int(key)] for key in candidates[order] if int(key) in registry.pics
            ][:k]
        results[label] = scored(rankings, queries, k)
    return results


def table_row(label: str, values: dict[str, float], best: dict[str, float]) -> str:
    cells = [f"{values[m]:.4f}" for m in METRICS]
    ratios = [values[m] / best[m] if best[m] else float("nan") for m in ("recall", "mrr")]
    return f"| {label} | {' | '.join(cells)} | {ratios[0]:.2f}x | {ratios[1]:.2f}x |"


def evaluate_year(data: Path, year: int, k: int) -> None:
    """Import the training years, run the batch command, score it next to the baselines."""
    with tempfile.TemporaryDirectory(prefix="cordis-match-") as tmp:
        folder = Path(tmp)
        participations, parts, queries = split_files(data, year, folder)
        database = f"sqlite:///{folder / 'bench.db'}"
        engine = make_engine(database)
        migrate.upgrade(engine)
        imported = import_cordis(participations, parts, engine=engine)
        write_queries(folder / "queries.csv", queries)
        wall = run_batch_command(database, folder / "queries.csv", folder / "out.csv", k)
        engine_scores = scored(read_rankings(folder / "out.csv"), queries, k)
        registry = load_registry(engine)
        base = baselines(registry, queries, k)
        ablated = ablation(registry, queries, k)
        engine.dispose()
    best = {m: max(values[m] for values in base.values()) for m in METRICS}
    print(
        f"\n### {year}: trained on {year - 1} and before ({imported.collaborations_created:,} "
        f"projects imported in {imported.seconds:.1f} s), {len(queries):,} queries; "
        f"`match batch` wall time {wall:.1f} s"
    )
    print(f"| ranking | hit@{k} | recall@{k} | MRR@{k} | nDCG@{k} | recall vs best | MRR vs best |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(table_row("engine (`match batch`)", engine_scores, best))
    for label, values in (base | ablated).items():
        print(table_row(label, values, best))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the files")
    parser.add_argument("--years", type=int, nargs="+", default=[2018], help="evaluation years")
    parser.add_argument("--k", type=int, default=10, help="cut-off of the metrics")
    args = parser.parse_args()
    if not (args.data / "h2020.csv.gz").exists():
        print(f"skipped: CORDIS data not found in {args.data}")
        return
    for year in args.years:
        evaluate_year(args.data, year, args.k)


if __name__ == "__main__":
    main()
