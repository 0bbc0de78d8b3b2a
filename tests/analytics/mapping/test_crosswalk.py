"""Crosswalks (NAICS workbook, CSV) and industry rows summed into clusters."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from clusterbridge.analytics.mapping.cluster_codes import read_cluster_codes
from clusterbridge.analytics.mapping.crosswalk import (
    IndustryRow,
    aggregate,
    industry_code,
    read_crosswalk,
    read_crosswalk_csv,
    read_naics_crosswalk,
)
from clusterbridge.analytics.mapping.types import ClusterType
from clusterbridge.core.errors import InvalidInput
from tests.conftest import shared_data

NACE_CSV = """industry,cluster,cluster_name,cluster_type,subcluster
C10.1,1,Food Processing,traded,Meat
C10.2,1,Food Processing,Traded,
I56,101,Local Hospitality,local,
"""
# Invented codes for the clusters of the small workbooks below.
CODES = {
    "Aerospace Vehicles and Defense": "7",
    "Wood Products": "12",
    "Local Health Services": "100",
}
WORKBOOK_ROWS: list[list[object]] = [
    ["Aircraft Manufacturing", "Aerospace Vehicles and Defense", "336411", "Traded", "Aircraft"],
    ["Sawmills", "Wood Products", 321113, "traded", "Wood Processing"],
    ["Hospitals (State)", "Local Health Services", 902622, "Local", "Hospitals"],
    ["Private Households", "NA", "814110", "Local", "NA"],
    ["Federal Government", "Federal Government Services", 901199, "Local", "NA"],
    [None, None, None, None, None],
]


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _workbook(tmp_path: Path, rows: list[list[object]]) -> Path:
    """A workbook whose crosswalk sits on the second sheet, under a title row."""
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Read me first"])
    sheet = book.create_sheet("Crosswalk")
    sheet.append(["Crosswalk of industries, 2017"])
    sheet.append(["Description", "Cluster", "NAICS ", "TradedLocal", "SubclusterName"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "crosswalk.xlsx"
    book.save(path)
    return path


def _row(
    region: str,
    industry: str,
    employment: float,
    line: int,
    *,
    year: int = 2016,
    establishments: float = 1.0,
    payroll: float = 10.0,
) -> IndustryRow:
    return IndustryRow(
        region, f"Region {region}", industry, year, employment, establishments, payroll, line
    )


def test_industry_codes_are_compared_in_one_form() -> None:
    assert industry_code(" c10.1 ") == "C101"
    assert industry_code(336411) == "336411"
    assert industry_code(336411.0) == "336411"


def test_csv_crosswalk_maps_nace_codes_to_typed_clusters(tmp_path: Path) -> None:
    crosswalk = read_crosswalk(_write(tmp_path, "nace.csv", NACE_CSV))

    assert [c.code for c in crosswalk.clusters] == ["1", "101"]
    assert crosswalk.clusters[0].type is ClusterType.TRADED
    entry = crosswalk.entry("C101")
    assert entry is not None
    assert (entry.cluster.name, entry.subcluster, entry.row) == ("Food Processing", "Meat", 2)
    assert crosswalk.entry("c10.2") is not None
    assert crosswalk.entry("C11") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("C11,2,Drinks,exported,", "row 5, column cluster_type: cluster type must be"),
        ("C10.1,2,Drinks,traded,", "row 5, column industry: industry repeated (first on row 2)"),
        ("C11,1,Drinks,traded,", "row 5, column cluster: cluster 1 is elsewhere 'Food Processing'"),
        ("C11,,Drinks,traded,", "row 5, column cluster: is empty"),
    ],
)
def test_bad_csv_crosswalk_names_row_and_column(tmp_path: Path, line: str, expected: str) -> None:
    path = _write(tmp_path, "nace.csv", NACE_CSV + line + "\n")
    with pytest.raises(InvalidInput) as error:
        read_crosswalk_csv(path)
    assert f"nace.csv, {expected}" in str(error.value)


def test_csv_crosswalk_without_a_column_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "nace.csv", "industry,cluster,cluster_type\nC10,1,traded\n")
    with pytest.raises(InvalidInput, match="missing column\\(s\\) cluster_name"):
        read_crosswalk_csv(path)


def test_workbook_is_read_by_header_names_on_any_sheet(tmp_path: Path) -> None:
    crosswalk = read_naics_crosswalk(_workbook(tmp_path, WORKBOOK_ROWS), CODES)

    assert sorted(crosswalk.entries) == ["321113", "336411", "902622"]
    assert [(c.code, c.type.value) for c in crosswalk.clusters] == [
        ("7", "traded"),
        ("12", "traded"),
        ("100", "local"),
    ]
    assert crosswalk.entries["336411"].subcluster == "Aircraft"
    assert crosswalk.entries["336411"].row == 3
    assert crosswalk.excluded == {
        "814110": "outside the cluster system (NA)",
        "901199": "outside the cluster system (Federal Government Services)",
    }


def test_workbook_clusters_are_coded_by_slugs_of_their_names_by_default(tmp_path: Path) -> None:
    crosswalk = read_crosswalk(_workbook(tmp_path, WORKBOOK_ROWS))

    assert [(c.code, c.name) for c in crosswalk.clusters] == [
        ("aerospace-vehicles-and-defense", "Aerospace Vehicles and Defense"),
        ("local-health-services", "Local Health Services"),
        ("wood-products", "Wood Products"),
    ]
    assert crosswalk.entries["321113"].cluster.code == "wood-products"
    assert sorted(crosswalk.excluded) == ["814110", "901199"]


def test_workbook_cluster_missing_from_the_codes_is_named(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        [
            ["Aircraft", "Aerospace Vehicles and Defense", "336411", "Traded", "Aircraft"],
            ["Spacecraft", "Space Economy", "336414", "Traded", "Space"],
            ["Sawmills", "Wood Products", "336411", "Traded", "Wood"],
        ],
    )
    with pytest.raises(InvalidInput) as error:
        read_naics_crosswalk(path, CODES)
    message = str(error.value)
    assert (
        "crosswalk.xlsx, row 4, column Cluster: unknown cluster name (not in the cluster codes "
        "given) (value 'Space Economy')" in message
    )
    assert "row 5, column industry: industry repeated (first on row 3)" in message
    # Without codes the same cluster gets its slug, and only the repeated industry is wrong.
    with pytest.raises(InvalidInput) as error:
        read_naics_crosswalk(path)
    assert "Space Economy" not in str(error.value)
    assert "row 5, column industry: industry repeated" in str(error.value)


def test_workbook_cluster_name_without_letters_has_no_slug(tmp_path: Path) -> None:
    path = _workbook(tmp_path, [["Aircraft", "***", "336411", "Traded", "Aircraft"]])
    with pytest.raises(InvalidInput) as error:
        read_naics_crosswalk(path)
    assert (
        "row 3, column Cluster: the cluster name has no letter or digit to make a code from "
        "(value '***')"
    ) in str(error.value)


def test_codes_for_a_csv_crosswalk_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "nace.csv", NACE_CSV)
    with pytest.raises(InvalidInput, match=r"nace\.csv: a crosswalk CSV codes its clusters itself"):
        read_crosswalk(path, CODES)


def test_workbook_without_crosswalk_columns_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["code", "label"])
    path = tmp_path / "other.xlsx"
    book.save(path)
    with pytest.raises(
        InvalidInput, match="no sheet has the columns NAICS, TradedLocal and Cluster"
    ):
        read_naics_crosswalk(path)


def test_aggregate_sums_industries_into_clusters(tmp_path: Path) -> None:
    crosswalk = read_crosswalk_csv(_write(tmp_path, "nace.csv", NACE_CSV))
    rows = [
        _row("R1", "C101", 10, 2, establishments=2, payroll=100),
        _row("R1", "C102", 5, 3, establishments=1, payroll=50),
        _row("R1", "I56", 7, 4, establishments=3, payroll=math.nan),
        _row("R2", "C10.1", 4, 5, establishments=1, payroll=40),
        _row("R2", "C11", 9, 6),
        _row("R2", "C11", 2, 7, year=2017),
    ]
    result = aggregate(rows, crosswalk, "stats.csv")
    panel = result.panel

    assert (panel.regions, panel.clusters, panel.years) == (
        ("R1", "R2"),
        ("1", "101"),
        (2016, 2017),
    )
    assert panel.traded.tolist() == [True, False]
    # R1 food = C101 + C102 = 10 + 5 employees, 2 + 1 establishments, 100 + 50 payroll.
    assert panel.employment[0, :, 0].tolist() == [15.0, 7.0]
    assert panel.establishments[0, :, 0].tolist() == [3.0, 3.0]
    assert panel.payroll[0, 0, 0] == 150.0
    assert math.isnan(panel.payroll[0, 1, 0])  # one unpublished payroll: total unknown
    assert panel.employment[1, 0, 0] == 4.0
    assert np.isnan(panel.employment[1, 1, 0])  # no row: NaN, not 0
    assert np.isnan(panel.employment[:, :, 1]).all()
    assert panel.region_names == {"R1": "Region R1", "R2": "Region R2"}
    assert panel.cluster_names == {"1": "Food Processing", "101": "Local Hospitality"}
    assert [(u.industry, u.employment, u.rows, u.first_row) for u in result.unmatched] == [
        ("C11", 11.0, 2, 6)
    ]
    assert result.unmatched[0].reason == "not in the crosswalk"
    assert result.unmatched_employment == 11.0


def test_aggregate_reports_industries_the_crosswalk_excludes(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        [
            ["Aircraft", "Aerospace Vehicles and Defense", "336411", "Traded", "Aircraft"],
            ["Private Households", "NA", "814110", "Local", "NA"],
        ],
    )
    result = aggregate(
        [_row("01", "336411", 5, 2), _row("01", "814110", 8, 3)], read_crosswalk(path, CODES)
    )
    assert [(u.industry, u.reason) for u in result.unmatched] == [
        ("814110", "outside the cluster system (NA)")
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([_row("R1", "C101", -3, 9)], "stats.csv, row 9, column employment: must not be negative"),
        (
            [_row("R1", "C101", 3, 9, payroll=-1)],
            "stats.csv, row 9, column payroll: must not be negative",
        ),
        (
            [_row("R1", "C101", 3, 4), _row("R1", "C10.1", 5, 9)],
            "stats.csv, row 9, column industry: same region, industry and year as row 4",
        ),
    ],
)
def test_aggregate_refuses_bad_rows_naming_them(
    tmp_path: Path, rows: list[IndustryRow], expected: str
) -> None:
    crosswalk = read_crosswalk_csv(_write(tmp_path, "nace.csv", NACE_CSV))
    with pytest.raises(InvalidInput) as error:
        aggregate(rows, crosswalk, "stats.csv")
    assert expected in str(error.value)


def test_published_naics_crosswalk_with_the_published_codes() -> None:
    path = shared_data("us-cluster-mapping", "NAICS_crosswalks_to_Cluster_system.xlsx")
    codes = read_cluster_codes(shared_data("us-cluster-mapping", "states-2016", "regions.csv"))
    crosswalk = read_crosswalk(path, codes)

    assert len(crosswalk.entries) == 986
    assert Counter(c.type for c in crosswalk.clusters) == {
        ClusterType.TRADED: 51,
        ClusterType.LOCAL: 16,
    }
    assert {c.name: c.code for c in crosswalk.clusters} == codes
    known = {
        "336411": ("1", "Aircraft"),
        "325412": ("5", "Biopharmaceutical Products"),
        "336111": ("4", "Motor Vehicles"),
        "522110": ("107", "Deposit-taking Institutions"),
    }
    for industry, (cluster, subcluster) in known.items():
        entry = crosswalk.entry(industry)
        assert entry is not None
        assert (entry.cluster.code, entry.subcluster) == (cluster, subcluster)
    assert sorted(crosswalk.excluded) == [
        "814110",
        "901149",
        "901199",
        "901200",
        "902999",
        "903999",
    ]


def test_published_naics_crosswalk_with_slugs() -> None:
    path = shared_data("us-cluster-mapping", "NAICS_crosswalks_to_Cluster_system.xlsx")
    crosswalk = read_crosswalk(path)

    assert len(crosswalk.entries) == 986
    assert len(crosswalk.clusters) == 67
    known = {
        "336111": "automotive",
        "522110": "local-financial-services",
        "336411": "aerospace-vehicles-and-defense",
    }
    for industry, cluster in known.items():
        entry = crosswalk.entry(industry)
        assert entry is not None
        assert entry.cluster.code == cluster
