"""County Business Patterns files, and `mapping convert` from CBP to the long CSV."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from clusterbridge.analytics.mapping.cbp import read_cbp
from clusterbridge.cli.mapping_sources import convert
from clusterbridge.core.errors import InvalidInput
from tests.conftest import shared_data

# A county file in the 2016 layout (empflag still present), with totals to skip.
COUNTY = """fipstate,fipscty,naics,empflag,emp_nf,emp,qp1_nf,qp1,ap_nf,ap,est,n1_4
01,001,------,,G,12000,G,100,G,480000,900,500
01,001,31----,,G,3000,G,30,G,120000,80,40
01,001,3361//,,G,900,G,9,G,45000,6,1
01,001,336111,,G,800,G,8,H,40000,2,0
01,001,336211,B,D,0,D,0,D,0,3,2
01,003,336111,,G,120,G,2,G,6000,1,0
"""

CROSSWALK = """industry,cluster,cluster_name,cluster_type
336111,4,Automotive,traded
336211,4,Automotive,traded
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_county_file_keeps_six_digit_industries(tmp_path: Path) -> None:
    result = read_cbp(_write(tmp_path, "cbp16co.txt", COUNTY), 2016)

    assert result.aggregate_rows_skipped == 3
    assert [(r.region, r.industry, r.year, r.row) for r in result.rows] == [
        ("01001", "336111", 2016, 5),
        ("01001", "336211", 2016, 6),
        ("01003", "336111", 2016, 7),
    ]
    first = result.rows[0]
    assert (first.employment, first.establishments, first.payroll) == (800.0, 2.0, 40000.0)
    assert first.region_name == ""


def test_suppressed_employment_is_the_midpoint_of_its_size_class(tmp_path: Path) -> None:
    result = read_cbp(_write(tmp_path, "cbp16co.txt", COUNTY), 2016)
    suppressed = result.rows[1]

    # empflag B is 20-99 employees: (20 + 99) / 2 = 59.5. The payroll flagged D is unpublished.
    assert suppressed.employment == 59.5
    assert math.isnan(suppressed.payroll)
    assert suppressed.establishments == 3.0
    [cell] = result.suppressed
    assert (cell.region, cell.industry, cell.size_class, cell.estimate, cell.row) == (
        "01001",
        "336211",
        "B",
        59.5,
        6,
    )


def test_suppressed_employment_without_size_class_keeps_the_published_zero(
    tmp_path: Path,
) -> None:
    text = "fipstate,naics,emp_nf,emp,ap_nf,ap,est\n06,336111,D,0,D,0,4\n"
    result = read_cbp(_write(tmp_path, "cbp19st.txt", text), 2019)

    assert result.rows[0].employment == 0.0
    assert result.suppressed[0].size_class is None
    assert result.suppressed[0].estimate == 0.0


def test_state_file_keeps_all_establishments_and_names_states(tmp_path: Path) -> None:
    text = (
        "fipstate,naics,lfo,emp_nf,emp,qp1_nf,qp1,ap_nf,ap,est\n"
        "1,336111,-,G,500,G,5,G,30000,5\n"
        "1,336111,C,G,400,G,4,G,25000,3\n"
        "1,336111,S,G,100,G,1,G,5000,2\n"
    )
    result = read_cbp(_write(tmp_path, "cbp16st.txt", text), 2016)

    assert [(r.region, r.region_name, r.employment) for r in result.rows] == [
        ("01", "Alabama", 500.0)
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "01,005,336111,,G,-5,G,1,G,10,1,0",
            "row 8, column emp: must not be negative (value '-5')",
        ),
        ("01,005,336111,,G,5,G,1,G,10,many,0", "row 8, column est: must be a number"),
        (
            "01,001,336111,,G,5,G,1,G,10,1,0",
            "row 8, column naics: same region and industry as row 5",
        ),
        ("1A,005,336111,,G,5,G,1,G,10,1,0", "row 8, column fipstate: must be a 2-digit FIPS code"),
    ],
)
def test_bad_rows_are_refused_naming_row_and_column(
    tmp_path: Path, row: str, expected: str
) -> None:
    path = _write(tmp_path, "cbp16co.txt", COUNTY + row + "\n")
    with pytest.raises(InvalidInput) as error:
        read_cbp(path, 2016)
    assert f"cbp16co.txt, {expected}" in str(error.value)


def test_file_without_cbp_columns_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "cbp16co.txt", "state,naics,employees\n01,336111,5\n")
    with pytest.raises(InvalidInput, match="row 1: missing column\\(s\\) fipstate, emp, est, ap"):
        read_cbp(path, 2016)


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("convert")(convert)
    app.command("other")(lambda: None)  # two commands keep "convert" a subcommand
    return app


def test_convert_writes_the_long_csv_and_reports_what_it_left_out(tmp_path: Path) -> None:
    source = _write(tmp_path, "cbp16co.txt", COUNTY + "01,003,999990,,G,7,G,1,G,70,1,0\n")
    out = tmp_path / "regions.csv"
    args = ["convert", str(source), "--crosswalk", str(_write(tmp_path, "x.csv", CROSSWALK))]
    result = CliRunner().invoke(_app(), [*args, "--out", str(out)])

    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows == [
        {
            "region": "01001",
            "region_name": "",
            "cluster": "4",
            "cluster_name": "Automotive",
            "cluster_type": "traded",
            "year": "2016",
            "employment": "859.5",
            "establishments": "5",
            "payroll": "",
        },
        {
            "region": "01003",
            "region_name": "",
            "cluster": "4",
            "cluster_name": "Automotive",
            "cluster_type": "traded",
            "year": "2016",
            "employment": "120",
            "establishments": "1",
            "payroll": "6000",
        },
    ]
    assert "1 industries outside the clusters: 7 employees" in result.output
    assert "999990: 7 employees, 1 rows (not in the crosswalk)" in result.output
    assert "1 cells with suppressed employment (1 estimated from their size class" in result.output


def test_convert_needs_a_year_it_cannot_read_from_the_name(tmp_path: Path) -> None:
    source = _write(tmp_path, "counties.txt", COUNTY)
    crosswalk = _write(tmp_path, "x.csv", CROSSWALK)
    result = CliRunner().invoke(_app(), ["convert", str(source), "--crosswalk", str(crosswalk)])

    assert result.exit_code == 1
    assert "cannot tell the year of counties.txt: add --year" in result.output
    assert "Traceback" not in result.output


def test_convert_refuses_cluster_codes_for_a_csv_crosswalk(tmp_path: Path) -> None:
    source = _write(tmp_path, "cbp16co.txt", COUNTY)
    codes = _write(tmp_path, "codes.csv", "cluster,cluster_name\n4,Automotive\n")
    args = ["convert", str(source), "--crosswalk", str(_write(tmp_path, "x.csv", CROSSWALK))]
    result = CliRunner().invoke(_app(), [*args, "--cluster-codes", str(codes)])

    assert result.exit_code == 1
    assert "x.csv: a crosswalk CSV codes its clusters itself" in result.output
    assert "Traceback" not in result.output


def test_convert_with_the_published_crosswalk(tmp_path: Path) -> None:
    crosswalk = shared_data("us-cluster-mapping", "NAICS_crosswalks_to_Cluster_system.xlsx")
    codes = shared_data("us-cluster-mapping", "states-2016", "regions.csv")
    text = (
        "fipstate,naics,lfo,emp_nf,emp,qp1_nf,qp1,ap_nf,ap,est\n"
        "26,336111,-,G,1000,G,9,G,80000,10\n"
        "26,336211,-,G,500,G,4,G,30000,5\n"
        "26,722511,-,G,300,G,1,G,6000,30\n"
        "26,814110,-,G,20,G,1,G,400,10\n"
    )
    source = _write(tmp_path, "cbp16st.txt", text)
    out = tmp_path / "regions.csv"
    args = ["convert", str(source), "--crosswalk", str(crosswalk), "--out", str(out)]
    result = CliRunner().invoke(_app(), [*args, "--cluster-codes", str(codes)])

    assert result.exit_code == 0, result.output
    rows = {row["cluster"]: row for row in csv.DictReader(io.StringIO(out.read_text()))}
    assert sorted(rows) == ["111", "4"]
    assert (rows["4"]["region_name"], rows["4"]["employment"], rows["4"]["payroll"]) == (
        "Michigan",
        "1500",
        "110000",
    )
    assert rows["111"]["cluster_name"] == "Local Hospitality Establishments"
    assert "814110: 20 employees, 1 rows (outside the cluster system (NA))" in result.output

    result = CliRunner().invoke(_app(), args)  # no codes given: slugs of the names
    assert result.exit_code == 0, result.output
    rows = {row["cluster"]: row for row in csv.DictReader(io.StringIO(out.read_text()))}
    assert sorted(rows) == ["automotive", "local-hospitality-establishments"]
    assert rows["automotive"]["employment"] == "1500"
