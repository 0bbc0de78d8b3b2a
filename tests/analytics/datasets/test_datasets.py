"""Stored statistics datasets: load through the CLI, read back as the same panel, replace, refuse."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from clusterbridge.analytics.datasets import queries
from clusterbridge.analytics.datasets.models import RegionalStatistic, StatisticsDataset
from clusterbridge.analytics.mapping.longcsv import read_statistics
from clusterbridge.analytics.mapping.strength import measure_strength
from clusterbridge.cli.main import app
from clusterbridge.core.db import transaction
from tests.analytics.mapping.test_strength_cli import HEADER, ROWS

runner = CliRunner()
REFERENCE = "cluster,cluster_type,employment\nT1,traded,100\nT2,traded,100\nL1,local,300\n"


def _files(tmp_path: Path, rows: list[str] = ROWS) -> tuple[Path, Path]:
    regions = tmp_path / "regions.csv"
    regions.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    reference = tmp_path / "reference.csv"
    reference.write_text(REFERENCE, encoding="utf-8")
    return regions, reference


def _load(regions: Path, reference: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(
        app,
        ["mapping", "load", "--regions", str(regions), "--reference", str(reference),
         "--key", "test-states", "--name", "Test states", "--region-type", "state", *extra],
    )  # fmt: skip
    return result.exit_code, result.output


def test_a_loaded_dataset_reads_back_as_the_same_panel(engine: Engine, tmp_path: Path) -> None:
    regions, reference = _files(tmp_path)
    code, output = _load(regions, reference)
    assert code == 0, output
    assert "Loaded dataset 'test-states': 10 rows, 6 reference figures." in output
    expected, expected_reference = read_statistics(regions, reference)
    with transaction() as session:
        panel, stored_reference = queries.load_panel(session, "test-states")
    assert panel.regions == expected.regions == ("A", "B", "C")
    assert panel.clusters == expected.clusters
    assert panel.years == (2015, 2017)
    np.testing.assert_array_equal(panel.traded, expected.traded)
    np.testing.assert_array_equal(panel.employment, expected.employment)  # NaN where no row
    np.testing.assert_array_equal(panel.payroll, expected.payroll)
    assert stored_reference is not None
    assert expected_reference is not None
    np.testing.assert_array_equal(stored_reference.employment, expected_reference.employment)
    assert panel.region_names["B"] == "Beta"
    listed = runner.invoke(app, ["mapping", "datasets"])
    assert "test-states" in listed.output
    assert "2015-2017" in listed.output


def test_a_second_load_needs_replace_and_then_swaps_the_rows(
    engine: Engine, tmp_path: Path
) -> None:
    regions, reference = _files(tmp_path)
    assert _load(regions, reference)[0] == 0
    code, output = _load(regions, reference)
    assert code == 1
    assert "dataset 'test-states' exists; use --replace" in output
    smaller, _ = _files(tmp_path, ROWS[:9])
    code, output = _load(smaller, reference, "--replace")
    assert code == 0, output
    assert "Replaced dataset 'test-states': 9 rows" in output
    with transaction() as session:
        assert session.scalar(select(func.count()).select_from(RegionalStatistic)) == 9
        assert session.scalar(select(func.count()).select_from(StatisticsDataset)) == 1


def test_a_bad_file_names_the_row_and_leaves_the_old_dataset_whole(
    engine: Engine, tmp_path: Path
) -> None:
    regions, reference = _files(tmp_path)
    assert _load(regions, reference)[0] == 0
    bad = [*ROWS[:4], "B,Beta,T2,Two,traded,2015,-20,2,200", *ROWS[5:]]
    bad_regions, _ = _files(tmp_path, bad)
    code, output = _load(bad_regions, reference, "--replace")
    assert code == 1
    assert "regions.csv, row 6, column employment" in output
    with transaction() as session:
        assert session.scalar(select(func.count()).select_from(RegionalStatistic)) == 10


def test_deleting_a_dataset_removes_its_rows(engine: Engine, tmp_path: Path) -> None:
    regions, reference = _files(tmp_path)
    assert _load(regions, reference)[0] == 0
    result = runner.invoke(app, ["mapping", "delete", "test-states"])
    assert result.exit_code == 0, result.output
    missing = runner.invoke(app, ["mapping", "delete", "test-states"])
    assert missing.exit_code == 1
    assert "no statistics dataset 'test-states'" in missing.output
    with transaction() as session:
        assert session.scalar(select(func.count()).select_from(RegionalStatistic)) == 0


def _square(code: str, x: float) -> dict[str, object]:
    ring = [[x, 40.0], [x + 1, 40.0], [x + 1, 41.0], [x, 41.0], [x, 40.0]]
    return {"type": "Feature", "properties": {"CODE": code},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip


def test_attached_geometry_draws_the_dataset_regions(engine: Engine, tmp_path: Path) -> None:
    regions, reference = _files(tmp_path)
    assert _load(regions, reference)[0] == 0
    path = tmp_path / "regions.geojson"
    features = [_square("A", 0.0), _square("B", 1.0), _square("Z", 2.0)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    result = runner.invoke(
        app, ["mapping", "geometry", "test-states", str(path), "--code-property", "CODE"]
    )
    assert result.exit_code == 0, result.output
    assert "it draws 2 of its regions" in result.output
    with transaction() as session:
        geometry = queries.dataset_geometry(session, queries.dataset_info(session, "test-states"))
    assert geometry is not None
    assert set(geometry.shapes) == {"A", "B", "Z"}


def test_geometry_without_the_code_property_is_refused(engine: Engine, tmp_path: Path) -> None:
    regions, reference = _files(tmp_path)
    assert _load(regions, reference)[0] == 0
    path = tmp_path / "regions.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [_square("A", 0)]}))
    result = runner.invoke(app, ["mapping", "geometry", "test-states", str(path)])
    assert result.exit_code == 1
    assert "features[0]: feature 0 has no 'id' property" in result.output
    with transaction() as session:
        assert (
            queries.dataset_geometry(session, queries.dataset_info(session, "test-states")) is None
        )


def test_the_list_prints_a_name_with_brackets_as_it_is(engine: Engine, tmp_path: Path) -> None:
    regions, reference = _files(tmp_path)
    result = runner.invoke(
        app,
        ["mapping", "load", "--regions", str(regions), "--reference", str(reference),
         "--key", "brackets", "--name", "States [/]", "--region-type", "state"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["mapping", "datasets"])
    assert listed.exit_code == 0, listed.output
    assert "States [/]" in listed.output


def test_a_region_code_longer_than_its_column_is_refused_by_name(
    engine: Engine, tmp_path: Path
) -> None:
    long_code = "A" * 21
    regions, reference = _files(
        tmp_path, [row.replace("A,Alpha", f"{long_code},Alpha") for row in ROWS]
    )
    code, output = _load(regions, reference)
    assert code == 1
    flat = " ".join(output.split())
    assert f"column region: at most 20 characters (value '{long_code}')" in flat
    with transaction() as session:
        assert session.scalar(select(func.count()).select_from(RegionalStatistic)) == 0


def test_geometry_from_a_folder_is_a_clear_error(engine: Engine, tmp_path: Path) -> None:
    result = runner.invoke(app, ["mapping", "geometry", "test-states", str(tmp_path)])
    assert result.exit_code == 1
    assert "cannot read" in result.output


def test_a_category_only_the_reference_has_keeps_the_stored_lq_equal_to_the_files(
    engine: Engine, tmp_path: Path
) -> None:
    """Regions hold T1 only; the reference also has T2 (traded): E_N counts both, so
    LQ = (10/10) / (100/200) = 2 in the file and must stay 2 once stored."""
    regions = tmp_path / "regions.csv"
    regions.write_text(f"{HEADER}\nA,Alpha,T1,One,traded,2015,10,1,\n", encoding="utf-8")
    reference = tmp_path / "reference.csv"
    reference.write_text(
        "cluster,cluster_type,employment\nT1,traded,100\nT2,traded,100\n", encoding="utf-8"
    )
    code, output = _load(regions, reference)
    assert code == 0, output
    with transaction() as session:
        panel, stored = queries.load_panel(session, "test-states")
    assert panel.clusters == ("T1", "T2")
    assert measure_strength(panel, stored).lq[0, 0, 0] == pytest.approx(2.0)


def test_a_panel_read_again_comes_from_memory_until_the_dataset_is_replaced(
    engine: Engine, tmp_path: Path
) -> None:
    regions, reference = _files(tmp_path)
    assert _load(regions, reference)[0] == 0
    with transaction() as session:
        first, _ = queries.load_panel(session, "test-states")
        again, _ = queries.load_panel(session, "test-states")
    assert again is first
    smaller, _ = _files(tmp_path, ROWS[:9])  # no 2017 row any more
    assert _load(smaller, reference, "--replace")[0] == 0
    with transaction() as session:
        replaced, _ = queries.load_panel(session, "test-states")
    assert replaced is not first
    assert replaced.years == (2015,)
