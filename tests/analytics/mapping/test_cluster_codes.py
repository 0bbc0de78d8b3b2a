"""Cluster codes made from cluster names, or read from a CSV that codes them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterbridge.analytics.mapping.cluster_codes import (
    cluster_code,
    cluster_slug,
    read_cluster_codes,
)
from clusterbridge.core.errors import InvalidInput
from tests.conftest import shared_data

REGIONS_HEADER = (
    "region,region_name,cluster,cluster_name,cluster_type,year,employment,establishments,payroll\n"
)


def _write(tmp_path: Path, text: str, name: str = "codes.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Automotive", "automotive"),
        (
            "Local Real Estate, Construction, and Development",
            "local-real-estate-construction-and-development",
        ),
        ("Local Personal Services (Non-Medical)", "local-personal-services-non-medical"),
        ("  Équipements électriques  ", "equipements-electriques"),
        ("Industrie 4.0", "industrie-4-0"),
        ("—", ""),
    ],
)
def test_a_slug_is_the_name_in_lower_case_ascii_words(name: str, slug: str) -> None:
    assert cluster_slug(name) == slug


@given(st.text())
def test_a_slug_is_made_of_ascii_words_and_stable(name: str) -> None:
    slug = cluster_slug(name)
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug)
    assert cluster_slug(slug) == slug


def test_a_code_comes_from_the_mapping_when_one_is_given() -> None:
    assert cluster_code("Automotive", None) == "automotive"
    assert cluster_code("Automotive", {"Automotive": "4"}) == "4"
    assert cluster_code("Tobacco", {"Automotive": "4"}) is None
    assert cluster_code("—", None) is None


def test_codes_from_a_two_column_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "Cluster_Name;CLUSTER\nAutomotive;4\n Furniture ; 21 \n")
    assert read_cluster_codes(path) == {"Automotive": "4", "Furniture": "21"}


def test_codes_from_a_regions_file_with_each_cluster_repeated(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        REGIONS_HEADER
        + "01,Alabama,4,Automotive,traded,2016,10,1,1\n"
        + '01,Alabama,115,"Local Real Estate, Construction, and Development",local,2016,9,1,1\n'
        + "02,Alaska,4,Automotive,traded,2016,3,1,1\n",
    )
    assert read_cluster_codes(path) == {
        "Automotive": "4",
        "Local Real Estate, Construction, and Development": "115",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "cluster,cluster_name\n4,Automotive\n21,Furniture\n5,Automotive\n",
            "codes.csv, row 4, column cluster: 'Automotive' already has code '4' (row 2) "
            "(value '5')",
        ),
        (
            "cluster,cluster_name\n4,Automotive\n4,Furniture\n",
            "codes.csv, row 3, column cluster_name: code '4' already names 'Automotive' (row 2) "
            "(value 'Furniture')",
        ),
        ("cluster,cluster_name\n4,\n", "codes.csv, row 2, column cluster_name: is empty"),
        ("cluster,name\n4,Automotive\n", "codes.csv, row 1: missing column(s) cluster_name"),
        ("cluster,cluster_name\n", "codes.csv: the file names no cluster"),
    ],
)
def test_bad_cluster_codes_are_refused_naming_the_row(
    tmp_path: Path, text: str, expected: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        read_cluster_codes(_write(tmp_path, text))
    assert expected in str(error.value)


def test_a_file_that_is_not_utf8_is_refused_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_bytes("cluster,cluster_name\n1,Équipements\n".encode("latin-1"))
    with pytest.raises(InvalidInput, match=r"codes\.csv: cannot read the file"):
        read_cluster_codes(path)


def test_codes_of_the_published_2016_regions_file() -> None:
    codes = read_cluster_codes(shared_data("us-cluster-mapping", "states-2016", "regions.csv"))

    assert len(codes) == 67
    assert sorted(int(code) for code in codes.values()) == [*range(1, 52), *range(101, 117)]
    assert codes["Automotive"] == "4"
    assert codes["Local Real Estate, Construction, and Development"] == "115"
