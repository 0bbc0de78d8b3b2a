"""Eurostat regional SBS bulk TSV files, and `mapping convert` from Eurostat to the long CSV."""

from __future__ import annotations

import csv
import gzip
import io
import math
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from clusterbridge.analytics.mapping.eurostat import read_eurostat_sbs
from clusterbridge.cli.mapping_sources import convert
from clusterbridge.core.errors import InvalidInput

# sbs_r_nuts2021 layout: freq first, TIME_PERIOD, years ascending, flags after a space.
CURRENT = (
    "freq,nace_r2,indic_sbs,geo\\TIME_PERIOD\t2021 \t2022 \n"
    "A,C10,EMP_LOC_NR,DE11\t1234 \t1300 p\n"
    "A,C10,LOC_NR,DE11\t12 \t: c\n"
    "A,C10,WAGE_LOC_MEUR,DE11\t40.5 \t: \n"
    "A,C10,EMP_LOC_NR,DE1\t99999 \t99999 \n"
    "A,C,EMP_LOC_NR,DE11\t99999 \t99999 \n"
    "A,B-N_S95_X_K,EMP_LOC_NR,DE11\t99999 \t99999 \n"
    "A,C10,ENT_NR,DE11\t5 \t5 \n"
    "A,C11,LOC_NR,DE11\t3 \t4 \n"
    "A,C11,EMP_LOC_NR,DE11\t: c\t7 \n"
    "A,C11,EMP_LOC_NR,FR10\t20 \t21 \n"
)

# sbs_r_nuts06_r2 layout: no freq, geo\time, years descending, V-codes.
OLDER = (
    "nace_r2,indic_sb,geo\\time\t2016 \t2015 \n"
    "C10,V16110,ES51\t5000 \t4900 e\n"
    "C10,V11210,ES51\t80 \t78 \n"
    "C10,V13320,ES51\t120 \t110 \n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_current_layout_gives_rows_per_region_activity_and_year(tmp_path: Path) -> None:
    result = read_eurostat_sbs(_write(tmp_path, "sbs.tsv", CURRENT))

    found = {(r.region, r.industry, r.year): r for r in result.rows}
    # NUTS 1 (DE1), the section C and the B-N range are totals: left out.
    assert sorted(found) == [
        ("DE11", "C10", 2021),
        ("DE11", "C10", 2022),
        ("DE11", "C11", 2022),
        ("FR10", "C11", 2021),
        ("FR10", "C11", 2022),
    ]
    first = found["DE11", "C10", 2021]
    # Wages of 40.5 million EUR are 40,500 thousand EUR, the unit of CBP payroll.
    assert (first.employment, first.establishments, first.payroll, first.row) == (
        1234.0,
        12.0,
        40500.0,
        2,
    )
    flagged = found["DE11", "C10", 2022]
    assert flagged.employment == 1300.0  # 'p' (provisional) is still a value
    assert math.isnan(flagged.establishments)  # ': c' confidential
    assert math.isnan(flagged.payroll)
    assert math.isnan(found["FR10", "C11", 2021].establishments)  # no local-units series
    [missing] = result.missing_employment
    assert (missing.region, missing.industry, missing.year, missing.flag, missing.row) == (
        "DE11",
        "C11",
        2021,
        "c",
        9,
    )


def test_older_layout_with_v_codes_and_gzip(tmp_path: Path) -> None:
    path = tmp_path / "sbs_r_nuts06_r2.tsv.gz"
    path.write_bytes(gzip.compress(OLDER.encode("utf-8")))
    result = read_eurostat_sbs(path, years={2015})

    [row] = result.rows
    assert (row.region, row.industry, row.year) == ("ES51", "C10", 2015)
    assert (row.employment, row.establishments, row.payroll) == (4900.0, 78.0, 110000.0)


def test_nuts_level_can_be_chosen(tmp_path: Path) -> None:
    result = read_eurostat_sbs(_write(tmp_path, "sbs.tsv", CURRENT), nuts_level=1)
    assert {(r.region, r.employment) for r in result.rows} == {("DE1", 99999.0)}


def test_size_classes_other_than_total_are_left_out(tmp_path: Path) -> None:
    text = (
        "freq,size_emp,nace_r2,indic_sbs,geo\\TIME_PERIOD\t2021\n"
        "A,TOTAL,C10,EMP_LOC_NR,DE11\t100\n"
        "A,GE250,C10,EMP_LOC_NR,DE11\t60\n"
    )
    result = read_eurostat_sbs(_write(tmp_path, "sbs.tsv", text))
    assert [r.employment for r in result.rows] == [100.0]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "A,C12,EMP_LOC_NR,DE11\t-5 \t3 ",
            "row 12, column 2021: must not be negative (value '-5')",
        ),
        ("A,C12,EMP_LOC_NR,DE11\t3 \tmany ", "row 12, column 2022: must be a number or ':'"),
        (
            "A,C10,EMP_LOC_NR,DE11\t1 \t1 ",
            "row 12, column 2021: employment given twice for this region, activity and year (row 2)",
        ),
        ("A,C12,DE11\t1 \t1 ", "row 12, column dimensions: has 3 dimension values"),
    ],
)
def test_bad_values_are_refused_naming_row_and_year(
    tmp_path: Path, line: str, expected: str
) -> None:
    path = _write(tmp_path, "sbs.tsv", CURRENT + line + "\n")
    with pytest.raises(InvalidInput) as error:
        read_eurostat_sbs(path)
    assert f"sbs.tsv, {expected}" in str(error.value)


def test_header_without_dimensions_or_years_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "sbs.tsv", "nace_r2,unit\\time\t2021\tlatest\n")
    with pytest.raises(InvalidInput) as error:
        read_eurostat_sbs(path)
    message = str(error.value)
    assert "must name the dimension geo" in message
    assert "must name indic_sb(s)" in message
    assert "row 1, column column 'latest': must be a year" in message


def test_convert_a_eurostat_file_with_a_nace_crosswalk(tmp_path: Path) -> None:
    source = _write(tmp_path, "sbs_r_nuts2021.tsv", CURRENT)
    crosswalk = _write(
        tmp_path,
        "nace.csv",
        "industry,cluster,cluster_name,cluster_type\nC10,1,Food Processing,traded\n",
    )
    app = typer.Typer()
    app.command("convert")(convert)
    app.command("other")(lambda: None)
    out = tmp_path / "regions.csv"
    args = ["convert", str(source), "--crosswalk", str(crosswalk), "--year", "2021"]
    result = CliRunner().invoke(app, [*args, "--out", str(out)])

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["region"], r["cluster"], r["year"], r["employment"]) for r in rows] == [
        ("DE11", "1", "2021", "1234")
    ]
    assert rows[0]["payroll"] == "40500"
    assert rows[0]["region_name"] == "Stuttgart"  # the NUTS name from the code lists
    assert "1 industries outside the clusters: 20 employees" in result.output
    assert "1 region x activity cells had no employment" in result.output
