"""Benchmark: cluster mapping at scale (3,000 regions x 1,000 industries x 20 years).

Target (issue #5): LQ, strong clusters and stars for all years in under 30 s and under 8 GB
on 2 cores. Baseline, measured in the same run: a straightforward pandas version (groupby,
merge, quantile) of the same three measures, on a stated share of the regions when the full
panel is too slow or too big for it, next to our code on that same share.

Usage: python benchmarks/mapping_scale.py [--regions 3000] [--industries 1000] [--years 20]
       [--pandas-regions 300] [--seed 5]
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pandas as pd

from clusterbridge.analytics.mapping.measures import location_quotients, region_shares
from clusterbridge.analytics.mapping.stars import StarRating, star_ratings
from clusterbridge.analytics.mapping.strong import strong_clusters
from clusterbridge.analytics.mapping.types import Panel

T = TypeVar("T")


def generate(regions: int, industries: int, years: int, seed: int) -> Panel:
    """A seeded panel: skewed region and industry sizes, growth, about a fifth of cells missing."""
    rng = np.random.default_rng(seed)
    region_size = rng.pareto(1.2, regions) * 5_000 + 500
    industry_share = rng.lognormal(0.0, 1.5, industries)
    industry_share /= industry_share.sum()
    employment = np.empty((regions, industries, years))
    level = region_size[:, None] * industry_share[None, :]
    level = level * rng.lognormal(0.0, 1.0, (regions, industries))
    for year in range(years):
        level = level * rng.lognormal(0.01, 0.05, (regions, industries))
        employment[:, :, year] = np.floor(level)
    # Small regions miss more industries; a missing industry stays missing for every year.
    keep_chance = np.clip(0.55 + 0.1 * np.log10(region_size), 0, 0.98)[:, None]
    missing = rng.random((regions, industries)) > keep_chance
    employment[missing] = np.nan
    establishments = np.ceil(employment / rng.lognormal(2.0, 0.7, (1, industries, 1)))
    payroll = employment * rng.lognormal(3.8, 0.3, (1, industries, 1))
    return Panel(
        regions=tuple(f"{r:05d}" for r in range(regions)),
        clusters=tuple(f"{c:04d}" for c in range(industries)),
        years=tuple(range(2001, 2001 + years)),
        traded=rng.random(industries) < 0.7,
        employment=employment,
        establishments=establishments,
        payroll=payroll,
    )


def timed(what: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = what()
    return value, time.perf_counter() - start


def peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def ours(panel: Panel) -> tuple[np.ndarray, np.ndarray, StarRating, dict[str, float]]:
    """Our measures, timed one by one."""
    lq, lq_s = timed(lambda: location_quotients(panel))
    shares, shares_s = timed(lambda: region_shares(panel))
    strong, strong_s = timed(lambda: strong_clusters(panel, lq))
    stars, stars_s = timed(lambda: star_ratings(panel, lq, shares))
    seconds = {"lq": lq_s, "shares": shares_s, "strong": strong_s, "stars": stars_s}
    return lq, strong, stars, seconds


def long_frame(panel: Panel) -> pd.DataFrame:
    """The panel as the long table a pandas user starts from (rows with statistics only)."""
    r, c, y = np.nonzero(~np.isnan(panel.employment))
    return pd.DataFrame(
        {
            "region": r,
            "cluster": c,
            "year": np.asarray(panel.years)[y],
            "traded": panel.traded[c],
            "employment": panel.employment[r, c, y],
            "establishments": panel.establishments[r, c, y],
        }
    )


def with_quantile(frame: pd.DataFrame, column: str, q: float, name: str) -> pd.DataFrame:
    present = frame[frame["employment"] > 0]
    bars = present.groupby(["cluster", "year"])[column].quantile(q).rename(name)
    return frame.merge(bars.reset_index(), on=["cluster", "year"], how="left")


def pandas_measures(frame: pd.DataFrame) -> pd.DataFrame:
    """LQ, strong and stars the straightforward pandas way (groupby, merge, quantile)."""
    df = frame.copy()
    df["region_total"] = df.groupby(["region", "year", "traded"])["employment"].transform("sum")
    nation = df.groupby(["cluster", "year", "traded"], as_index=False)["employment"].sum()
    nation["nation_total"] = nation.groupby(["year", "traded"])["employment"].transform("sum")
    nation["nation_share"] = nation["employment"] / nation["nation_total"]
    df = df.merge(nation[["cluster", "year", "nation_share"]], on=["cluster", "year"])
    df["lq"] = df["employment"] / df["region_total"] / df["nation_share"]
    df = with_quantile(df, "lq", 0.75, "lq_bar")
    df = with_quantile(df, "employment", 0.25, "employment_bar")
    df = with_quantile(df, "establishments", 0.25, "establishments_bar")
    df["strong"] = (
        df["traded"]
        & (df["employment"] > 0)
        & (df["lq"] >= df["lq_bar"])
        & (df["lq"] >= 1)
        & (df["employment"] > df["employment_bar"])
        & (df["establishments"] > df["establishments_bar"])
    )
    df["share"] = df["employment"] / df.groupby(["region", "year"])["employment"].transform("sum")
    present = df["employment"] > 0
    groups = df[present].groupby(["cluster", "year"])
    count = groups["employment"].transform("size")
    top = np.maximum(np.ceil(count * 0.10 - 1e-9), 1)
    df["size"] = False
    df["focus"] = False
    df.loc[present, "size"] = groups["employment"].rank(ascending=False, method="min") <= top
    df.loc[present, "focus"] = groups["share"].rank(ascending=False, method="min") <= top
    df["stars"] = df["size"].astype(int) + df["focus"] + (present & (df["lq"] >= 2))
    return df


def subset(panel: Panel, regions: int) -> Panel:
    return Panel(
        regions=panel.regions[:regions],
        clusters=panel.clusters,
        years=panel.years,
        traded=panel.traded,
        employment=panel.employment[:regions],
        establishments=panel.establishments[:regions],
        payroll=panel.payroll[:regions],
    )


def agree(panel: Panel, frame: pd.DataFrame) -> bool:
    """Whether the pandas baseline and our code give the same LQ, strong flags and stars."""
    lq, strong, stars, _ = ours(panel)
    year = frame["year"].to_numpy() - panel.years[0]
    r, c = frame["region"].to_numpy(), frame["cluster"].to_numpy()
    same_lq = np.allclose(lq[r, c, year], frame["lq"].to_numpy(), rtol=1e-9, equal_nan=True)
    same_strong = bool((strong[r, c, year] == frame["strong"].to_numpy()).all())
    same_stars = bool((stars.stars[r, c, year] == frame["stars"].to_numpy()).all())
    return same_lq and same_strong and same_stars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regions", type=int, default=3000)
    parser.add_argument("--industries", type=int, default=1000)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--pandas-regions", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    panel, generate_s = timed(
        lambda: generate(args.regions, args.industries, args.years, args.seed)
    )
    cells = panel.employment.size
    rows = int(np.count_nonzero(~np.isnan(panel.employment)))
    print(f"generated {cells:,} cells ({rows:,} with a row) in {generate_s:.1f} s")
    print(f"peak memory after generating: {peak_gib():.2f} GiB")
    (_, strong, stars, seconds), total_s = timed(lambda: ours(panel))
    full_peak = peak_gib()
    print(
        f"strong cells: {int(strong.sum()):,}; cells with stars: {int((stars.stars > 0).sum()):,}"
    )
    small = subset(panel, args.pandas_regions)
    (_, _, _, _), small_s = timed(lambda: ours(small))
    frame = long_frame(small)
    result, pandas_s = timed(lambda: pandas_measures(frame))
    share = f"{args.pandas_regions:,} regions ({len(frame):,} rows)"
    print("\n| what | ours | pandas (baseline) |\n| --- | ---: | ---: |")
    print(f"| LQ + strong + stars, all {cells:,} cells | {total_s:.1f} s | not run |")
    for name, value in seconds.items():
        print(f"| of which {name} | {value:.1f} s | |")
    print(f"| peak memory (ru_maxrss, incl. generation) | {full_peak:.2f} GiB | |")
    print(f"| LQ + strong + stars, first {share} | {small_s:.2f} s | {pandas_s:.1f} s |")
    print(f"\npandas and ours agree on the subset: {agree(small, result)}")
    print(f"peak memory at the end (incl. pandas): {peak_gib():.2f} GiB")


if __name__ == "__main__":
    main()
