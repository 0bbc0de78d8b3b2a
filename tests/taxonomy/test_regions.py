"""NUTS codes and the region() entry point for ISO 3166-2 or NUTS."""

from __future__ import annotations

import pytest

from clusterbridge.core.errors import UnknownCode
from clusterbridge.taxonomy import entries, nuts, region, region_name


@pytest.mark.parametrize("code", ["ES", "ES5", "ES51", "ES511", "DE", "EL30", "UKC1"])
def test_known_nuts_codes(code: str) -> None:
    assert nuts(code) == code
    assert nuts(code.lower()) == code


def test_nuts_country_filter_accepts_iso_and_nuts_prefixes() -> None:
    assert nuts("ES51", country="ES") == "ES51"
    assert nuts("ES51", country="Spain") == "ES51"
    assert nuts("EL30", country="GR") == "EL30"
    assert nuts("EL30", country="EL") == "EL30"
    assert nuts("UKC1", country="GB") == "UKC1"


def test_nuts_of_another_country_is_refused() -> None:
    with pytest.raises(UnknownCode) as caught:
        nuts("ES51", country="FR")
    assert caught.value.vocabulary == "NUTS"
    assert all(code.startswith("FR") for code in caught.value.suggestions)


def test_unknown_nuts_code_is_refused_even_if_well_formed() -> None:
    with pytest.raises(UnknownCode) as caught:
        nuts("ES5111")
    assert caught.value.suggestions[0] == "ES511"
    with pytest.raises(UnknownCode):
        nuts("ES99")


def test_iso_prefix_suggests_the_nuts_one() -> None:
    with pytest.raises(UnknownCode) as caught:
        nuts("GR30")
    assert caught.value.suggestions[0] == "EL30"


def test_region_accepts_either_scheme() -> None:
    assert region("es-ct") == "ES-CT"
    assert region("es51") == "ES51"
    assert region("ES51", country="ES") == "ES51"
    assert region_name("ES51") == "Cataluña"
    with pytest.raises(UnknownCode) as caught:
        region("ES-CT", country="FR")
    assert caught.value.vocabulary == "subdivision"


def test_nuts_hierarchy() -> None:
    table = {entry.code: entry for entry in entries("nuts")}
    assert table["ES511"].parent == "ES51"
    assert table["ES511"].level == 3
    assert table["ES5"].parent == "ES"
    assert table["ES"].level == 0
    assert table["ES"].label == "Spain"
    assert all(entry.parent is None or entry.parent in table for entry in table.values())
