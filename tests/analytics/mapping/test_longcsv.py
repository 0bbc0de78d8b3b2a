"""Reading regions and reference files: formats accepted and every problem named by row."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from clusterbridge.analytics.mapping.longcsv import read_panel, read_statistics
from clusterbridge.core.errors import InvalidInput

HEADER = (
    "region,region_name,cluster,cluster_name,cluster_type,year,employment,establishments,payroll"
)
ROWS = [
    "01,Alabama,1,Aerospace,traded,2016,100,10,5000",
    "01,Alabama,101,Local Food,local,2016,300,30,6000",
    "02,Alaska,1,Aerospace,traded,2016,50,,",
    "02,Alaska,101,Local Food,local,2016,200,20,4000",
]
REFERENCE = ["cluster,cluster_type,employment", "1,traded,1000", "101,local,5000"]


def _write(folder: Path, name: str, lines: list[str], encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def _problems(regions: list[str], reference: list[str] | None, folder: Path) -> str:
    with pytest.raises(InvalidInput) as caught:
        read_statistics(
            _write(folder, "regions.csv", regions),
            _write(folder, "reference.csv", reference) if reference is not None else None,
        )
    return str(caught.value)


def test_reads_codes_as_written_and_blanks_as_unknown(tmp_path: Path) -> None:
    panel, reference = read_statistics(
        _write(tmp_path, "regions.csv", [HEADER, *ROWS]), _write(tmp_path, "ref.csv", REFERENCE)
    )
    assert panel.regions == ("01", "02")
    assert panel.clusters == ("1", "101")
    assert panel.traded.tolist() == [True, False]
    assert panel.region_names["02"] == "Alaska"
    assert panel.employment[1, 0, 0] == 50
    assert np.isnan(panel.establishments[1, 0, 0])
    assert np.isnan(panel.payroll[1, 0, 0])
    assert reference is not None
    assert reference.employment[:, 0].tolist() == [1000, 5000]


def test_accepts_a_byte_order_mark_and_semicolons(tmp_path: Path) -> None:
    lines = [line.replace(",", ";") for line in [HEADER, *ROWS]]
    panel = read_panel(_write(tmp_path, "regions.csv", lines, encoding="utf-8-sig"))
    assert panel.regions == ("01", "02")
    assert panel.employment[0, 1, 0] == 300


def test_reference_by_year_and_missing_years(tmp_path: Path) -> None:
    rows = [*ROWS, "01,Alabama,1,Aerospace,traded,2017,110,10,5000"]
    yearly = ["cluster,cluster_type,employment,year", "1,traded,1000,2016", "1,traded,1100,2017"]
    yearly += ["101,local,5000,2016", "101,local,5100,2017"]
    panel, reference = read_statistics(
        _write(tmp_path, "regions.csv", [HEADER, *rows]), _write(tmp_path, "ref.csv", yearly)
    )
    assert panel.years == (2016, 2017)
    assert reference is not None
    assert reference.employment.tolist() == [[1000, 1100], [5000, 5100]]
    message = _problems([HEADER, *rows], yearly[:-1], tmp_path)
    assert "reference.csv" in message
    assert "no row for cluster '101' in year 2017" in message


def test_reference_clusters_the_regions_lack_still_count_in_totals(tmp_path: Path) -> None:
    panel, reference = read_statistics(
        _write(tmp_path, "regions.csv", [HEADER, *ROWS]),
        _write(tmp_path, "ref.csv", [*REFERENCE, "2,traded,3000"]),
    )
    assert panel.clusters == ("1", "101", "2")
    assert panel.traded.tolist() == [True, False, True]
    assert np.isnan(panel.employment[:, 2, :]).all()
    assert reference is not None
    assert reference.employment[2, 0] == 3000


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "03,Arizona,1,Aerospace,traded,2016,-5,1,1",
            "row 6, column employment: must not be negative (value '-5')",
        ),
        (
            "03,Arizona,1,Aerospace,traded,2016,many,1,1",
            "row 6, column employment: not a number (value 'many')",
        ),
        (
            "03,Arizona,1,Aerospace,traded,2016,,1,1",
            "row 6, column employment: a value is required",
        ),
        (
            "03,Arizona,1,Aerospace,traded,2016,5,-1,1",
            "row 6, column establishments: must not be negative",
        ),
        (
            "03,Arizona,1,Aerospace,traded,2016,5,x,1",
            "row 6, column establishments: not a number (value 'x')",
        ),
        (
            "03,Arizona,1,Aerospace,traded,2016,5,1,-9",
            "row 6, column payroll: must not be negative (value '-9')",
        ),
        (
            "03,Arizona,1,Aerospace,traded,20x6,5,1,1",
            "row 6, column year: not a whole year (value '20x6')",
        ),
        (
            "03,Arizona,1,Aerospace,exported,2016,5,1,1",
            "row 6, column cluster_type: unknown cluster type (one of traded, local) (value 'exported')",
        ),
        (
            "03,Arizona,1,Aerospace,local,2016,5,1,1",
            "row 6, column cluster_type: cluster '1' was traded in row 2 (value 'local')",
        ),
        (
            "03,Arizona,1,Space,traded,2016,5,1,1",
            "row 6, column cluster_name: differs from an earlier row for '1' ('Aerospace') (value 'Space')",
        ),
        (
            "02,Alaska,1,Aerospace,traded,2016,5,1,1",
            "row 6, column region: duplicates row 4 (same region, cluster and year) (value '02, 1, 2016')",
        ),
        ("03,Arizona,1,Aerospace,traded,2016,5,1", "row 6: has 8 fields, the header has 9"),
    ],
)
def test_bad_rows_are_named(tmp_path: Path, row: str, expected: str) -> None:
    message = _problems([HEADER, *ROWS, row], REFERENCE, tmp_path)
    assert f"regions.csv, {expected}" in message


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    bad = ["03,Arizona,1,Aerospace,traded,2016,-1,1,1", "04,Arkansas,1,Aerospace,traded,2016,x,1,1"]
    message = _problems([HEADER, *ROWS, *bad], REFERENCE, tmp_path)
    assert "2 problems found" in message
    assert "row 6" in message
    assert "row 7" in message


def test_missing_and_extra_columns(tmp_path: Path) -> None:
    header = HEADER.replace(",payroll", ",wages")
    message = _problems([header, *ROWS], REFERENCE, tmp_path)
    assert "regions.csv, row 1, column payroll: missing column" in message
    assert "regions.csv, row 1, column wages: unexpected column" in message


def test_unknown_cluster_code_names_its_first_row(tmp_path: Path) -> None:
    rows = [*ROWS, "03,Arizona,7,Biopharma,traded,2016,5,1,1"]
    message = _problems([HEADER, *rows], REFERENCE, tmp_path)
    assert (
        "regions.csv, row 6, column cluster: unknown cluster code: reference.csv has no row for it (value '7')"
        in message
    )


def test_reference_type_disagreeing_with_the_regions(tmp_path: Path) -> None:
    reference = ["cluster,cluster_type,employment", "1,local,1000", "101,local,5000"]
    message = _problems([HEADER, *ROWS], reference, tmp_path)
    assert (
        "reference.csv, row 2, column cluster_type: cluster '1' is traded in regions.csv (row 2) (value 'local')"
        in message
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("1,traded,-3", "row 4, column employment: must not be negative (value '-3')"),
        ("1,traded,1000", "row 4, column cluster: duplicates row 2 (value '1')"),
        ("9,sold,1", "row 4, column cluster_type: unknown cluster type"),
    ],
)
def test_bad_reference_rows_are_named(tmp_path: Path, row: str, expected: str) -> None:
    message = _problems([HEADER, *ROWS], [*REFERENCE, row], tmp_path)
    assert f"reference.csv, {expected}" in message


def test_missing_files(tmp_path: Path) -> None:
    regions = _write(tmp_path, "regions.csv", [HEADER, *ROWS])
    with pytest.raises(InvalidInput, match=r"nowhere\.csv: file not found"):
        read_statistics(regions, tmp_path / "nowhere.csv")
    with pytest.raises(InvalidInput, match="has no data rows"):
        read_panel(_write(tmp_path, "empty.csv", [HEADER]))


def test_a_reference_without_employment_where_the_regions_have_some_is_refused(
    tmp_path: Path,
) -> None:
    """Alabama and Alaska hold 150 in cluster 1: a reference of 0 makes every LQ infinite.
    (A reference below the regions' sum is accepted: published state figures exceed the
    national ones where suppressed cells were estimated.)"""
    reference = ["cluster,cluster_type,employment", "1,traded,0", "101,local,5000"]
    message = _problems([HEADER, *ROWS], reference, tmp_path)
    assert (
        "reference.csv, row 2, column employment: the reference economy has no employment in "
        "'1' (2016) but the regions have 150: every LQ would be infinite (value '0')"
    ) in message
