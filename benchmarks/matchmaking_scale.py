"""Benchmark: text retrieval for matchmaking over a million organisation profiles.

Target (matchmaking issue): top-10 with filters over 1,000,000 organisations, p95 under 50 ms
on 2 cores; build throughput reported. Baseline, measured in the same run: exact brute-force
filtered search (the same filter mask and BM25 scores, every admitted vector scanned instead
of the HNSW graph), on a stated number of the queries; our top-10 is compared with it (recall).

MiniLM encodes about a hundred texts a second on 2 cores, so a million would take hours: the
index is built with a stand-in encoder of the same width (hashed words, not semantic) and MiniLM
is measured on a sample (import, load, throughput, one query's encoding), which a real query
would add to the latency. Fusion quality (RRF against normalised scores) is measured on a
small labelled set with MiniLM when the ``semantic`` extra is installed.

The whole recommendation path is timed too, on the same filtered queries: the recommender
gathers text candidates (40 for a stated need, as the service asks for a typed need or a post;
200 and history candidates otherwise), computes every signal, scores them with the default
ranker and explains the top 10. Generated profiles have no collaboration history,
so the history is empty but spans every organisation (its arrays are a million rows long).

Usage: python benchmarks/matchmaking_scale.py [--count 1000000] [--queries 1000]
       [--baseline-queries 200] [--sample 1000] [--labelled 2000] [--seed 11]
       [--load DIR]  (query an index saved earlier from the same --count and --seed)
       [--save DIR]  (keep the index built by this run for later --load)
       [--profile N] (cProfile N recommend() calls and print the top lines)
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from random import Random
from typing import TypeVar

import numpy as np

from clusterbridge.demo.themes import THEMES
from clusterbridge.matchmaking.engine.embeddings import (
    Encoder,
    HashedWordsEncoder,
    semantic_encoder,
    semantic_missing,
)
from clusterbridge.matchmaking.engine.history import History, Organisation
from clusterbridge.matchmaking.engine.pairs import Asker, TermSets
from clusterbridge.matchmaking.engine.profiles import Filters, Profile
from clusterbridge.matchmaking.engine.ranker import Ranker
from clusterbridge.matchmaking.engine.recommender import Query, Recommender
from clusterbridge.matchmaking.engine.retrieval import ProfileIndex, fuse
from clusterbridge.matchmaking.engine.text import tokens
from clusterbridge.matchmaking.generate import (
    COUNTRY_WEIGHTS,
    cluster_id,
    generate_labelled,
    generate_profiles,
)
from clusterbridge.matchmaking.service import DEFAULT_RANKER

T = TypeVar("T")


def timed(what: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = what()
    return value, time.perf_counter() - start


def peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


class TimedEncoder:
    """Wraps an encoder to add up the time spent encoding."""

    def __init__(self, inner: Encoder) -> None:
        self.inner, self.dim, self.seconds = inner, inner.dim, 0.0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        start = time.perf_counter()
        rows = self.inner.encode(texts)
        self.seconds += time.perf_counter() - start
        return rows


def query_text(rng: Random) -> str:
    theme = THEMES[rng.choice(list(THEMES))]
    product, need = rng.choice(theme.products), rng.choice(theme.needs)
    return rng.choice((f"Looking for suppliers of {product}", f"Partners offering {need}"))


def query_filters(rng: Random, count: int) -> Filters:
    """A mix: abroad only, kinds, country sets, industry prefixes, clusters, combinations."""
    countries = list(COUNTRY_WEIGHTS)
    theme = THEMES[rng.choice(list(THEMES))]
    asker = frozenset({rng.randint(1, count)})
    roll = rng.random()
    if roll < 0.3:
        return Filters(abroad_of=rng.choice(countries), exclude=asker)
    if roll < 0.5:
        return Filters(kinds=frozenset({"company", "startup"}), exclude=asker)
    if roll < 0.7:
        return Filters(countries=frozenset(rng.sample(countries, rng.randint(2, 4))))
    if roll < 0.85:
        return Filters(industries=frozenset({theme.nace_core[0][:2]}), exclude=asker)
    if roll < 0.95:
        wanted = {cluster_id(theme.key, rng.choice(countries), n) for n in range(3)}
        return Filters(clusters=frozenset(wanted))
    return Filters(
        abroad_of="KR",
        kinds=frozenset({"university", "research_centre"}),
        industries=frozenset({theme.nace_core[0][:2]}),
        sizes=frozenset({"large"}),
    )


def exact_search(index: ProfileIndex, text: str, filters: Filters, limit: int) -> list[int]:
    """The baseline: same mask and BM25, every admitted vector scanned, same fusion."""
    assert index.vectors is not None
    assert index.encoder is not None
    mask = index.mask(filters)
    lexical = index.bm25.scores(text)
    rows = np.flatnonzero(mask)
    query = index.encoder.encode([text])[0]
    sims = index.vectors.vectors(rows) @ query
    depth = max(4 * limit, 50)
    by_text = rows[np.argsort(-np.where(lexical[rows] > 0, lexical[rows], -1.0))[:depth]]
    by_text = by_text[lexical[by_text] > 0]
    found = np.union1d(by_text, rows[np.argsort(-sims)[:depth]])
    fused = fuse(lexical[found].astype(np.float64), index.vectors.vectors(found) @ query, "rrf")
    return [index.key_of_row(int(row)) for row in found[np.argsort(-fused)[:limit]]]


def percentiles(seconds: list[float]) -> str:
    p50, p95, p99 = np.percentile(np.array(seconds) * 1000, [50, 95, 99])
    return f"{p50:.1f} ms | {p95:.1f} ms | {p99:.1f} ms"


def minilm_cost(profiles: list[Profile]) -> None:
    """Import, load, throughput and one-query latency of MiniLM (the ``semantic`` extra)."""
    missing = semantic_missing()
    if missing:
        print(f"MiniLM not measured: {missing}")
        return
    _, import_s = timed(lambda: __import__("sentence_transformers"))
    encoder = semantic_encoder()
    assert encoder is not None
    _, load_s = timed(lambda: encoder.encode(["warm up"]))
    texts = [profile.text for profile in profiles]
    _, encode_s = timed(lambda: encoder.encode(texts))
    one = [
        timed(lambda: encoder.encode(["battery cells for electric buses"]))[1] for _ in range(50)
    ]
    print(
        f"MiniLM: import {import_s:.1f} s, load + first encode {load_s:.1f} s,"
        f" {len(texts) / encode_s:.0f} profile texts/s on {len(texts):,} generated profiles"
        f" ({1_000_000 / (len(texts) / encode_s) / 3600:.1f} h for a million),"
        f" one query {np.median(one) * 1000:.1f} ms (median of 50)"
    )


def fusion_quality(count: int, seed: int) -> None:
    """Precision@10 of each signal and fusion on profiles whose theme is the right answer."""
    items = list(generate_labelled(count, seed))
    themes = {item.profile.key: item.theme for item in items}
    encoder = semantic_encoder()
    name = "MiniLM" if encoder else "hashed words (no MiniLM installed)"
    index, build_s = timed(
        lambda: ProfileIndex.build([i.profile for i in items], encoder or HashedWordsEncoder())
    )
    queries = [(key, theme.products[0]) for key, theme in THEMES.items()]
    queries += [(key, f"{theme.label} for the {theme.sector}") for key, theme in THEMES.items()]
    queries += [(key, " ".join(theme.words_en)) for key, theme in THEMES.items()]
    lexical_only = ProfileIndex.build([i.profile for i in items], None)
    results: dict[str, list[float]] = {"bm25": [], "semantic": [], "rrf": [], "score": []}
    for theme, text in queries:
        assert index.vectors is not None
        assert index.encoder is not None
        near, _ = index.vectors.search(index.encoder.encode([text])[0], 10)
        keys = {
            "bm25": lexical_only.hits(text, Filters(), 10),
            "semantic": [index.key_of_row(int(row)) for row in near],
            "rrf": [hit.key for hit in index.search(text, Filters(), 10, "rrf")],
            "score": [hit.key for hit in index.search(text, Filters(), 10, "score")],
        }
        for method, found in keys.items():
            results[method].append(sum(themes[key] == theme for key in found) / 10)
    print(f"\nfusion quality: {count:,} labelled profiles, {len(queries)} queries, {name}")
    print(f"(index built in {build_s:.1f} s)\n\n| ranking | precision@10 |\n| --- | ---: |")
    for method, values in results.items():
        print(f"| {method} | {np.mean(values):.3f} |")


def folder_mib(folder: Path) -> str:
    return ", ".join(
        f"{path.name} {path.stat().st_size / 2**20:,.0f} MiB" for path in sorted(folder.iterdir())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--baseline-queries", type=int, default=200)
    parser.add_argument("--sample", type=int, default=1000)
    parser.add_argument("--labelled", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--load", type=Path, help="a saved index of the same profiles")
    parser.add_argument("--save", type=Path, help="keep the built index in this folder")
    parser.add_argument("--profile", type=int, default=0, help="recommend() calls to profile")
    args = parser.parse_args()
    profiles, generate_s = timed(lambda: list(generate_profiles(args.count, args.seed)))
    print(f"generated {len(profiles):,} profiles in {generate_s:.1f} s")
    minilm_cost(profiles[: args.sample])
    if args.load:
        index, load_s = timed(lambda: ProfileIndex.load(args.load, HashedWordsEncoder()))
        print(f"loaded the index saved by an earlier run from {args.load} in {load_s:.1f} s")
    else:
        index = build_and_save(profiles, args.save)
    run_queries(index, profiles, args)
    fusion_quality(args.labelled, args.seed)
    print(f"\npeak memory at the end: {peak_gib():.2f} GiB")


def build_and_save(profiles: list[Profile], keep: Path | None) -> ProfileIndex:
    """Build with the stand-in encoder, report the phases, then save and load once (the
    saved folder is kept when ``keep`` names one)."""
    encoder = TimedEncoder(HashedWordsEncoder())
    first: list[float] = []

    def note_first_batch(done: int, total: int) -> None:
        if not first:
            first.append(time.perf_counter())

    start = time.perf_counter()
    index = ProfileIndex.build(profiles, encoder, note_first_batch)
    build_s = time.perf_counter() - start
    print(
        f"build: {build_s:.1f} s ({len(profiles) / build_s:,.0f} profiles/s); BM25 + filter"
        f" columns about {first[0] - start:.1f} s; stand-in encoding {encoder.seconds:.1f} s;"
        f" HNSW graph {build_s - (first[0] - start) - encoder.seconds:.1f} s"
        f" ({len(profiles) / (build_s - (first[0] - start) - encoder.seconds):,.0f} vectors/s)"
    )
    print(f"peak memory after build: {peak_gib():.2f} GiB")
    folder = keep or Path(tempfile.mkdtemp(prefix="matchmaking-scale-"))
    _, save_s = timed(lambda: index.save(folder))
    loaded, load_s = timed(lambda: ProfileIndex.load(folder, encoder))
    print(f"save {save_s:.1f} s, load {load_s:.1f} s; files: {folder_mib(folder)}")
    del loaded
    if keep is None:
        shutil.rmtree(folder)
    return index


def run_queries(index: ProfileIndex, profiles: list[Profile], args: argparse.Namespace) -> None:
    rng = Random(args.seed)
    queries = [(query_text(rng), query_filters(rng, args.count)) for _ in range(args.queries)]
    ours: list[float] = []
    found: list[list[int]] = []
    for text, filters in queries:
        hits, seconds = timed(partial(index.search, text, filters, 10))
        ours.append(seconds)
        found.append([hit.key for hit in hits])
    stated, guessed = full_path(index, profiles, queries, args)
    exact: list[float] = []
    recall: list[float] = []
    for (text, filters), keys in list(zip(queries, found, strict=True))[: args.baseline_queries]:
        best, seconds = timed(partial(exact_search, index, text, filters, 10))
        exact.append(seconds)
        recall.append(len(set(best) & set(keys)) / max(len(best), 1))
    masks, mask_s = timed(lambda: [index.mask(filters) for _, filters in queries[:100]])
    admitted = np.mean([np.count_nonzero(mask) for mask in masks]) / len(profiles)
    print(f"\n{len(queries):,} queries, top-10 with filters (mean admitted share {admitted:.0%})")
    print("\n| search | p50 | p95 | p99 |\n| --- | ---: | ---: | ---: |")
    print(f"| ours (HNSW, exact below 5% admitted) | {percentiles(ours)} |")
    print(f"| recommend(), stated need: 40 text candidates | {percentiles(stated)} |")
    print(f"| recommend(), need not stated: 200 text + history | {percentiles(guessed)} |")
    print(f"| exact brute force (baseline, {len(exact)} queries) | {percentiles(exact)} |")
    print(f"\nrecall@10 of ours against the baseline: {np.mean(recall):.3f}")
    print(f"filter mask alone: {mask_s / len(masks) * 1000:.1f} ms per query")
    agree = all(
        bool(mask[row]) == filters.admits(profile)
        for (_, filters), mask in zip(queries[:10], masks[:10], strict=True)
        for row, profile in enumerate(profiles)
    )
    print(f"masks agree with Filters.admits on 10 queries x {len(profiles):,} profiles: {agree}")


def full_path(
    index: ProfileIndex,
    profiles: list[Profile],
    queries: list[tuple[str, Filters]],
    args: argparse.Namespace,
) -> tuple[list[float], list[float]]:
    """Seconds of ``Recommender.recommend`` for each query (top-10, the default ranker): as
    the service asks for a stated need (few text candidates), then as for a guessed one."""
    recommender, setup_s = timed(lambda: recommender_for(index, profiles))
    ranker = Ranker.from_dict(json.loads(DEFAULT_RANKER.read_text()))
    print(f"\nrecommender set up in {setup_s:.1f} s (empty history, term weights)")
    runs: list[list[float]] = []
    for explicit in (True, False):
        asked = asked_queries(queries, profiles, args.seed, explicit)
        if args.profile:
            profiled(recommender, ranker, asked[: args.profile])
        seconds: list[float] = []
        short = wrong = 0
        for query in asked:
            found, spent = timed(partial(recommender.recommend, query, ranker))
            seconds.append(spent)
            short += len(found) < query.k
            wrong += sum(not query.filters.admits(index.profile(r.key)) for r in found)
        print(
            f"need {'stated' if explicit else 'not stated'}: queries with fewer than 10"
            f" results {short}, recommendations the filters refuse {wrong}"
        )
        runs.append(seconds)
    return runs[0], runs[1]


def recommender_for(index: ProfileIndex, profiles: list[Profile]) -> Recommender:
    """The service's recommender over ``index``: generated profiles have no collaboration
    history, so the history is empty but knows every organisation, as the service's does."""
    organisations = [Organisation(p.key, p.kind, p.country) for p in profiles]
    history = History.build([], organisations, before_year=2027)
    return Recommender(index, history, TermSets(tokens, index.bm25.idf()))


def asked_queries(
    queries: list[tuple[str, Filters]], profiles: list[Profile], seed: int, explicit: bool
) -> list[Query]:
    """Each filtered query asked by a generated organisation: the one the filters exclude
    when they exclude one (the asker itself), else one drawn at random."""
    rng = Random(seed + 1)
    asked: list[Query] = []
    for text, filters in queries:
        key = min(filters.exclude, default=0) or rng.randint(1, len(profiles))
        profile = profiles[key - 1]
        assert profile.key == key, "generated keys are 1..count"
        asker = Asker(
            profile,
            need=text,
            offer=profile.offers,
            industries=profile.industries,
            technologies=profile.technologies,
        )
        asked.append(Query(asker, filters, year=2026, k=10, explicit=explicit))
    return asked


def profiled(recommender: Recommender, ranker: Ranker, asked: list[Query]) -> None:
    """Where ``recommend`` spends its time, over ``asked`` (own time, then cumulative), with
    term sets of its own so that the timed run starts as cold as it would without this."""
    fresh = TermSets(recommender.sets.terms, recommender.sets.idf)
    alone = Recommender(recommender.index, recommender.history, fresh)
    profiler = cProfile.Profile()
    profiler.enable()
    for query in asked:
        alone.recommend(query, ranker)
    profiler.disable()
    stated = "stated" if asked[0].explicit else "not stated"
    print(f"\ncProfile of recommend() over {len(asked)} queries, need {stated}:")
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(15)
    stats.sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
