"""The published U.S. Cluster Mapping 2016 state results, reproduced through the CLI.

Also checks another region type: counties made by splitting each state, against a computation
written out in plain Python loops here.
"""

from __future__ import annotations

import csv
import math
import random
from collections import defaultdict
from pathlib import Path

from typer.testing import CliRunner

from clusterbridge.cli.mapping import app
from tests.conftest import shared_data

runner = CliRunner()


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _strength(regions: Path, reference: Path, out: Path) -> list[dict[str, str]]:
    result = runner.invoke(
        app,
        ["strength", "--regions", str(regions), "--reference", str(reference), "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    return _read(out)


def test_states_2016_reproduce_every_published_lq_and_strong_flag(tmp_path: Path) -> None:
    folder = shared_data("us-cluster-mapping", "states-2016")
    rows = _strength(folder / "regions.csv", folder / "reference.csv", tmp_path / "out.csv")
    ours = {(row["region"], row["cluster"]): row for row in rows}
    expected = _read(folder / "expected.csv")
    assert len(rows) == len(expected) == 3350
    strong_checked = 0
    for published in expected:
        row = ours[(published["region"], published["cluster"])]
        if published["lq"]:
            lq, target = float(row["lq"]), float(published["lq"])
            assert abs(lq - target) <= 1e-6 * abs(target), (published, row["lq"])
        if published["strong"]:
            assert row["strong"] == published["strong"].lower(), (published, row)
            strong_checked += 1
    assert strong_checked == 51 * 50
    assert sum(row["strong"] == "true" for row in rows) == 512


def _split_into_counties(states: list[dict[str, str]], seed: int = 7) -> list[dict[str, str]]:
    """Three counties per state, each taking a random part of every cluster (some none)."""
    rng = random.Random(seed)
    counties = []
    for state in states:
        weights = [rng.random() ** 2 for _ in range(3)]
        employment, establishments = int(state["employment"]), int(state["establishments"])
        for county, weight in enumerate(weights):
            part = weight / sum(weights)
            if rng.random() < 0.05:
                continue  # no row for this county and cluster
            row = dict(state, region=f"{state['region']}{county:03d}")
            row["region_name"] = f"{state['region_name']} county {county}"
            row["employment"] = str(round(employment * part))
            row["establishments"] = str(round(establishments * part))
            row["payroll"] = str(round(float(state["payroll"]) * part))
            counties.append(row)
    return counties


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * percent / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _straightforward(
    rows: list[dict[str, str]], reference: list[dict[str, str]]
) -> dict[tuple[str, str], tuple[float, bool]]:
    """LQ and strong flag per (region, cluster), one loop at a time."""
    national = {row["cluster"]: float(row["employment"]) for row in reference}
    kind = {row["cluster"]: row["cluster_type"] for row in reference}
    national_total: dict[str, float] = defaultdict(float)
    for cluster, value in national.items():
        national_total[kind[cluster]] += value
    region_total: dict[tuple[str, str], float] = defaultdict(float)
    for row in rows:
        region_total[(row["region"], row["cluster_type"])] += float(row["employment"])
    lq = {}
    for row in rows:
        own = float(row["employment"]) / region_total[(row["region"], row["cluster_type"])]
        lq[(row["region"], row["cluster"])] = own / (
            national[row["cluster"]] / national_total[row["cluster_type"]]
        )
    by_cluster: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if float(row["employment"]) > 0:
            by_cluster[row["cluster"]].append(row)
    result = {}
    for row in rows:
        key = (row["region"], row["cluster"])
        peers = by_cluster[row["cluster"]]
        strong = (
            row["cluster_type"] == "traded"
            and float(row["employment"]) > 0
            and lq[key] >= _percentile([lq[(p["region"], p["cluster"])] for p in peers], 75)
            and lq[key] >= 1
            and float(row["employment"]) > _percentile([float(p["employment"]) for p in peers], 25)
            and float(row["establishments"])
            > _percentile([float(p["establishments"]) for p in peers], 25)
        )
        result[key] = (lq[key], strong)
    return result


def test_counties_match_a_straightforward_computation(tmp_path: Path) -> None:
    folder = shared_data("us-cluster-mapping", "states-2016")
    counties = _split_into_counties(_read(folder / "regions.csv"))
    regions = tmp_path / "counties.csv"
    with regions.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(counties[0]))
        writer.writeheader()
        writer.writerows(counties)
    rows = _strength(regions, folder / "reference.csv", tmp_path / "out.csv")
    expected = _straightforward(counties, _read(folder / "reference.csv"))
    assert len(rows) == len(expected) == len(counties)
    for row in rows:
        lq, strong = expected[(row["region"], row["cluster"])]
        if lq == 0:
            assert float(row["lq"]) == 0
        else:
            assert abs(float(row["lq"]) - lq) <= 1e-9 * lq
        assert row["strong"] == ("true" if strong else "false"), row
    assert 100 < sum(row["strong"] == "true" for row in rows) < len(rows) // 2
