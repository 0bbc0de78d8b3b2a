"""`clusterbridge mapping strength` end to end on small files written here."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterbridge.cli.mapping import app

runner = CliRunner()
HEADER = (
    "region,region_name,cluster,cluster_name,cluster_type,year,employment,establishments,payroll"
)
# Regions A, B, C; traded T1, T2; local L1; two years.
ROWS = [
    "A,Alpha,T1,One,traded,2015,10,2,100",
    "A,Alpha,T2,Two,traded,2015,30,3,600",
    "A,Alpha,L1,Local,local,2015,60,6,600",
    "B,Beta,T1,One,traded,2015,20,2,200",
    "B,Beta,T2,Two,traded,2015,20,2,200",
    "B,Beta,L1,Local,local,2015,40,4,400",
    "C,Gamma,T1,One,traded,2015,30,3,300",
    "C,Gamma,T2,Two,traded,2015,10,1,100",
    "C,Gamma,L1,Local,local,2015,50,5,500",
    "A,Alpha,T1,One,traded,2017,40,2,400",
]


def _invoke(tmp_path: Path, rows: list[str], *extra: str) -> tuple[int, str]:
    regions = tmp_path / "regions.csv"
    regions.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["strength", "--regions", str(regions), *extra])
    return result.exit_code, result.output


def test_writes_every_measure_to_stdout_in_input_order(tmp_path: Path) -> None:
    code, output = _invoke(tmp_path, ROWS)
    assert code == 0, output
    rows = list(csv.DictReader(io.StringIO(output)))
    assert list(rows[0])[-2:] == ["wage", "cagr"]
    assert [(r["region"], r["cluster"], r["year"]) for r in rows[:4]] == [
        ("A", "T1", "2015"),
        ("A", "T1", "2017"),
        ("A", "T2", "2015"),
        ("A", "L1", "2015"),
    ]
    first = rows[0]
    # Reference = sum of the regions: T1 60 of 120 traded in 2015; A has 10 of 40 traded.
    assert float(first["lq"]) == pytest.approx(0.5)
    assert first["strong"] == "false"
    assert float(first["share"]) == pytest.approx(0.1)
    assert float(first["wage"]) == 10  # payroll 100 / 10 employees
    assert first["employment"] == "10"
    assert first["cagr"] == ""
    assert float(rows[1]["cagr"]) == pytest.approx(1.0)  # 10 -> 40 in two years
    assert rows[3]["cluster_type"] == "local"


def test_year_option_keeps_one_year(tmp_path: Path) -> None:
    code, output = _invoke(tmp_path, ROWS, "--year", "2017")
    assert code == 0, output
    rows = list(csv.DictReader(io.StringIO(output)))
    assert [(r["region"], r["cluster"]) for r in rows] == [("A", "T1")]
    code, output = _invoke(tmp_path, ROWS, "--year", "2020")
    assert code == 1
    assert "year 2020 is not in regions.csv (years: 2015, 2017)" in output


def test_bad_input_is_a_clean_error_naming_the_row(tmp_path: Path) -> None:
    code, output = _invoke(tmp_path, [*ROWS, "C,Gamma,T2,Two,traded,2015,5,1,1"])
    assert code == 1
    assert "regions.csv, row 12, column region: duplicates row 9" in output
    assert "Traceback" not in output


def test_missing_reference_file_is_a_clean_error(tmp_path: Path) -> None:
    code, output = _invoke(tmp_path, ROWS, "--reference", str(tmp_path / "nation.csv"))
    assert code == 1
    assert "nation.csv: file not found" in output


def test_out_file_and_summary(tmp_path: Path) -> None:
    out = tmp_path / "strength.csv"
    code, output = _invoke(tmp_path, ROWS, "--out", str(out))
    assert code == 0, output
    assert "Wrote 10 rows" in output
    assert out.read_text(encoding="utf-8").startswith("region,region_name,cluster,")


def test_thresholds_are_options(tmp_path: Path) -> None:
    """With the specialisation star at LQ 1.2 instead of 2, more cells earn a star."""
    _, default = _invoke(tmp_path, ROWS, "--year", "2015")
    _, lenient = _invoke(tmp_path, ROWS, "--year", "2015", "--star-lq", "1.2")

    def stars(text: str) -> int:
        return sum(int(row["stars"]) for row in csv.DictReader(io.StringIO(text)))

    assert stars(lenient) > stars(default)
    code, output = _invoke(tmp_path, ROWS, "--star-size-share", "1.5")
    assert code == 2
    assert "--star-size-share" in output


def test_shift_share_parts_add_up_to_the_change(tmp_path: Path) -> None:
    """Only region A's T1 has a 2017 row (10 -> 40), so it is the one cell with both years."""
    regions = tmp_path / "regions.csv"
    regions.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["shift-share", "--regions", str(regions), "--from", "2015", "--to", "2017"]
    )
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(result.output)))
    assert (row["region"], row["cluster"], row["change"]) == ("A", "T1", "30")
    parts = [float(row[k]) for k in ("national_growth", "industry_mix", "regional_competitiveness")]
    assert sum(parts) == pytest.approx(30.0)
    missing = runner.invoke(
        app, ["shift-share", "--regions", str(regions), "--from", "2014", "--to", "2017"]
    )
    assert missing.exit_code == 1
    assert "year 2014 is not in regions.csv (years: 2015, 2017)" in missing.output
    backwards = runner.invoke(
        app, ["shift-share", "--regions", str(regions), "--from", "2017", "--to", "2015"]
    )
    assert backwards.exit_code == 1
    assert "--from (2017) must be a year before --to (2015)" in backwards.output


def test_an_out_file_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "out.csv"
    code, output = _invoke(tmp_path, ROWS, "--out", str(out))
    assert code == 1
    assert "cannot write" in output
    assert "no-such-folder" in " ".join(output.split())
