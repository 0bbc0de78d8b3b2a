"""NACE Rev. 2.1 and NAICS 2022 codes."""

from __future__ import annotations

import pytest

from clusterbridge.core.errors import UnknownCode
from clusterbridge.taxonomy import entries, industry, industry_label


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("C", "C"),
        ("c", "C"),
        ("29", "29"),
        ("29.1", "29.1"),
        ("291", "29.1"),
        ("29.10", "29.10"),
        ("2910", "29.10"),
        ("C29.10", "29.10"),
        ("C 2910", "29.10"),
        ("NACE:29.10", "29.10"),
        ("nace: 2910", "29.10"),
        ("NACE C", "C"),
        ("01.11", "01.11"),
    ],
)
def test_nace_forms(value: str, expected: str) -> None:
    assert industry(value) == ("NACE", expected)


@pytest.mark.parametrize("value", ["29.100", "29100", "01.110", "NACE:29.100"])
def test_nace_national_level_5_is_refused(value: str) -> None:
    with pytest.raises(UnknownCode) as caught:
        industry(value)
    assert caught.value.vocabulary == "NACE"


def test_unknown_nace_class_suggests_classes_of_the_division() -> None:
    with pytest.raises(UnknownCode) as caught:
        industry("29.99")
    assert caught.value.suggestions[:2] == ["29.10", "29.20"]
    assert all(len(code) == 5 for code in caught.value.suggestions)


def test_nace_section_must_match_the_code() -> None:
    with pytest.raises(UnknownCode) as caught:
        industry("A29.10")
    assert caught.value.suggestions == ["C29.10"]


def test_nace_label_suggestion() -> None:
    with pytest.raises(UnknownCode) as caught:
        industry("Manufacturing")
    assert caught.value.suggestions[0] == "C"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("NAICS:336110", "336110"),
        ("naics:3361", "3361"),
        ("NAICS 5415", "5415"),
        ("NAICS:31", "31-33"),
        ("NAICS:31-33", "31-33"),
        ("NAICS:45", "44-45"),
        ("336110", "336110"),
    ],
)
def test_naics_forms(value: str, expected: str) -> None:
    assert industry(value) == ("NAICS", expected)


def test_naics_2017_code_merged_in_2022_suggests_its_successor() -> None:
    # 336111 (Automobile Manufacturing) became part of 336110 in NAICS 2022.
    with pytest.raises(UnknownCode) as caught:
        industry("NAICS:336111")
    assert caught.value.vocabulary == "NAICS"
    assert caught.value.suggestions[0] == "336110"


def test_naics_with_an_unknown_sector_is_refused() -> None:
    with pytest.raises(UnknownCode):
        industry("NAICS:99")
    with pytest.raises(UnknownCode):
        industry("999999")


def test_bare_short_numbers_are_nace() -> None:
    assert industry("33")[0] == "NACE"
    with pytest.raises(UnknownCode) as caught:
        industry("33611")  # a NAICS industry group, but unprefixed it reads as NACE
    assert caught.value.vocabulary == "NACE"


def test_industry_label() -> None:
    assert industry_label("NACE", "29.10") == "Manufacture of motor vehicles"
    assert industry_label("NACE", "C") == "Manufacturing"
    assert industry_label("nace", "2910") == "Manufacture of motor vehicles"
    assert industry_label("NAICS", "31-33") == "Manufacturing"
    with pytest.raises(UnknownCode):
        industry_label("SIC", "3711")


def test_nace_list_has_four_levels_in_classification_order() -> None:
    nace = entries("nace")
    codes = [entry.code for entry in nace]
    assert codes[:3] == ["A", "01", "01.1"]
    assert {entry.level for entry in nace} == {1, 2, 3, 4}
    assert [entry.code for entry in nace if entry.level == 1] == list("ABCDEFGHIJKLMNOPQRSTUV")
    assert codes.index("C") < codes.index("29") < codes.index("29.10") < codes.index("D")
    table = {entry.code: entry for entry in nace}
    assert table["29.10"].parent == "29.1"
    assert table["29"].parent == "C"
