"""entries() and search() across the code lists."""

from __future__ import annotations

import pytest

from clusterbridge.core.errors import UnknownCode
from clusterbridge.taxonomy import Entry, entries, search


def test_entries_of_each_vocabulary() -> None:
    countries = entries("country")
    assert Entry("ES", "Spain") in countries
    assert len(countries) > 240
    assert len(entries("nace")) > 1000
    assert len(entries("emerging")) == 10
    assert len(entries("Emerging industry")) == 10
    assert entries("NUTS")


def test_unknown_vocabulary() -> None:
    with pytest.raises(UnknownCode) as caught:
        entries("technologies")
    assert caught.value.suggestions == ["technology"]


def test_search_country_by_name_and_code() -> None:
    assert [entry.code for entry in search("country", "korea")] == ["KP", "KR"]
    assert search("country", "es")[0].code == "ES"
    assert search("country", "GERM")[0].code == "DE"


def test_search_nace_by_code_prefix_and_words() -> None:
    assert [entry.code for entry in search("nace", "29.1")] == ["29.1", "29.10"]
    assert search("nace", "2910")[0].code == "29.10"
    found = [entry.code for entry in search("nace", "motor vehicles", limit=3)]
    assert found == ["29", "29.1", "29.10"]


def test_search_technology_finds_synonyms() -> None:
    assert search("technology", "3d")[0].code == "additive-manufacturing"
    assert search("technology", "batter")[0].code == "battery-technology"


def test_search_limit_and_empty_text() -> None:
    assert len(search("nace", "manufacture", limit=4)) == 4
    assert search("nace", "manufacture", limit=0) == []
    assert search("emerging", "") == entries("emerging")
    assert search("technology", "no such technology at all") == []
