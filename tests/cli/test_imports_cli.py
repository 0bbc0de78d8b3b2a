"""`clusterbridge import ...` and `clusterbridge export` as a user runs them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from clusterbridge.cli.main import app
from tests.registry.test_importers import MEMBERSHIPS, ORGANISATIONS, write

runner = CliRunner()


def test_import_reports_created_then_unchanged(engine: Engine, tmp_path: Path) -> None:
    path = write(tmp_path, "organisations.csv", ORGANISATIONS)
    first = runner.invoke(app, ["import", "organisations", str(path)])
    assert first.exit_code == 0, first.output
    assert "│ organisations.csv │       6 │       0 │         0 │" in first.output
    assert "empty optional values: " in first.output
    second = runner.invoke(app, ["import", "organisations", str(path)])
    assert "│ organisations.csv │       0 │       0 │         6 │" in second.output


def test_dry_run_says_so_and_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    path = write(tmp_path, "organisations.csv", ORGANISATIONS)
    result = runner.invoke(app, ["import", "organisations", str(path), "--dry-run"])
    assert result.exit_code == 0
    assert "dry run: nothing written" in result.output
    again = runner.invoke(app, ["import", "organisations", str(path)])
    assert "│ organisations.csv │       6 │" in again.output


def test_memberships_need_their_organisations(engine: Engine, tmp_path: Path) -> None:
    path = write(tmp_path, "memberships.csv", MEMBERSHIPS)
    result = runner.invoke(app, ["import", "memberships", str(path)])
    assert result.exit_code == 1
    assert (
        "memberships.csv, row 2, column organisation: no organisation with this id" in result.output
    )


def test_export_writes_one_file_per_kind(engine: Engine, tmp_path: Path) -> None:
    runner.invoke(app, ["import", "organisations", str(write(tmp_path, "o.csv", ORGANISATIONS))])
    result = runner.invoke(app, ["export", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "clusters.csv",
        "collaborations.csv",
        "industrial_complexes.csv",
        "memberships.csv",
        "organisations.csv",
        "participations.csv",
        "persons.csv",
        "programmes.csv",
    ]
    assert "organisations.csv: 6 rows" in result.output


def test_missing_file_is_a_clean_error(engine: Engine, tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", "organisations", str(tmp_path / "nope.csv")])
    assert result.exit_code == 1
    assert "file not found" in result.output
