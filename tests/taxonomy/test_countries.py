"""Countries (ISO 3166-1) and subdivisions (ISO 3166-2)."""

from __future__ import annotations

import pytest

from clusterbridge.core.errors import UnknownCode
from clusterbridge.taxonomy import (
    country,
    country_name,
    subdivision,
    subdivision_name,
    subdivisions,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("es", "ES"),
        (" ES ", "ES"),
        ("ESP", "ES"),
        ("esp", "ES"),
        ("Spain", "ES"),
        ("spain", "ES"),
        ("Korea, Republic of", "KR"),
        ("South Korea", "KR"),
        ("Republic of Korea", "KR"),
        ("North Korea", "KP"),
        ("EL", "GR"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d'Ivoire", "CI"),
        ("Czech Republic", "CZ"),
        ("Turkey", "TR"),
        ("Moldova", "MD"),
        ("United States of America", "US"),
    ],
)
def test_country_accepts_codes_and_names(value: str, expected: str) -> None:
    assert country(value) == expected


def test_unknown_country_raises_with_suggestions() -> None:
    with pytest.raises(UnknownCode) as caught:
        country("XX")
    assert caught.value.vocabulary == "country"
    assert caught.value.value == "XX"
    assert 0 < len(caught.value.suggestions) <= 5
    assert all(len(code) == 2 for code in caught.value.suggestions)


def test_misspelt_country_name_suggests_the_country_first() -> None:
    with pytest.raises(UnknownCode) as caught:
        country("Spian")
    assert caught.value.suggestions[0] == "ES"


def test_ambiguous_name_is_not_guessed() -> None:
    with pytest.raises(UnknownCode) as caught:
        country("Korea")
    assert {"KR", "KP"} <= set(caught.value.suggestions)


def test_country_name() -> None:
    assert country_name("ES") == "Spain"
    assert country_name("EL") == "Greece"
    assert country_name("kr") == "South Korea"


def test_subdivision_is_case_insensitive() -> None:
    assert subdivision("es-ct") == "ES-CT"
    assert subdivision(" KR-41 ") == "KR-41"
    assert subdivision_name("ES-CT") == "Catalunya [Cataluña]"


def test_subdivision_must_belong_to_the_given_country() -> None:
    assert subdivision("ES-CT", country="ES") == "ES-CT"
    assert subdivision("ES-CT", country="Spain") == "ES-CT"
    with pytest.raises(UnknownCode) as caught:
        subdivision("ES-CT", country="KR")
    assert caught.value.vocabulary == "subdivision"
    assert all(code.startswith("KR-") for code in caught.value.suggestions)


def test_subdivision_by_name_within_a_country() -> None:
    assert subdivision("Cataluña", country="ES") == "ES-CT"
    assert subdivision("catalunya", country="ES") == "ES-CT"
    assert subdivision("Gyeonggi-do", country="KR") == "KR-41"


def test_unknown_subdivision_suggests_codes_of_the_same_country() -> None:
    with pytest.raises(UnknownCode) as caught:
        subdivision("ES-CX")
    assert caught.value.suggestions
    assert all(code.startswith("ES-") for code in caught.value.suggestions)


def test_subdivisions_of_a_country() -> None:
    spain = {entry.code: entry for entry in subdivisions("ES")}
    assert spain["ES-CT"].parent == "ES"
    assert spain["ES-CT"].level == 1
    assert spain["ES-B"].parent == "ES-CT"
    assert spain["ES-B"].level == 2
    assert all(code.startswith("ES-") for code in spain)
    assert subdivisions("EL") == subdivisions("GR")
