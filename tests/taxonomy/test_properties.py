"""Property tests: every code a function returns is accepted again unchanged.

No deadline: the first example of a test may load a code list.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from clusterbridge.core.errors import UnknownCode
from clusterbridge.taxonomy import (
    Entry,
    country,
    emerging_industry,
    entries,
    industry,
    nuts,
    region,
    subdivision,
    subdivisions,
    technology,
)


@settings(deadline=None)
@given(st.sampled_from(entries("country")))
def test_country_codes_are_fixed_points(entry: Entry) -> None:
    code = entry.code
    assert country(code) == code
    assert country(country(code.lower())) == code
    assert country(entry.label) == code


@settings(deadline=None)
@given(st.sampled_from(entries("nuts")))
def test_nuts_codes_are_fixed_points(entry: Entry) -> None:
    code = entry.code
    assert nuts(code) == code
    assert region(code) == code
    assert nuts(code, country=code[:2]) == code


@settings(deadline=None)
@given(st.sampled_from(entries("country")).map(lambda entry: entry.code), st.data())
def test_subdivision_codes_are_fixed_points(alpha2: str, data: st.DataObject) -> None:
    own = subdivisions(alpha2)
    if not own:
        return
    code = data.draw(st.sampled_from(own)).code
    assert subdivision(code) == code
    assert subdivision(code.lower(), country=alpha2) == code
    assert region(code) == code


@settings(deadline=None)
@given(st.sampled_from(entries("nace")))
def test_nace_codes_are_fixed_points(entry: Entry) -> None:
    code = entry.code
    assert industry(code) == ("NACE", code)
    assert industry(f"NACE:{code}") == ("NACE", code)
    assert industry(code.replace(".", "")) == ("NACE", code)


@settings(deadline=None)
@given(st.sampled_from(entries("naics")))
def test_naics_codes_are_fixed_points(entry: Entry) -> None:
    code = entry.code
    scheme, found = industry(f"NAICS:{code}")
    assert (scheme, found) == ("NAICS", code)
    assert industry(f"{scheme}:{found}") == (scheme, found)


@settings(deadline=None)
@given(st.sampled_from(entries("technology")))
def test_technology_slugs_and_labels_are_fixed_points(entry: Entry) -> None:
    code = entry.code
    assert technology(code) == code
    assert technology(entry.label) == code


@settings(deadline=None)
@given(st.sampled_from(entries("emerging")))
def test_emerging_slugs_and_labels_are_fixed_points(entry: Entry) -> None:
    code = entry.code
    assert emerging_industry(code) == code
    assert emerging_industry(entry.label.upper()) == code


def _idempotent(function: Callable[[str], object], value: str) -> None:
    try:
        first = function(value)
    except UnknownCode:
        return
    assert isinstance(first, str)
    assert function(first) == first


@settings(deadline=None)
@given(st.text(max_size=12))
def test_any_accepted_text_gives_a_fixed_point(value: str) -> None:
    for function in (country, technology, emerging_industry, nuts, region):
        _idempotent(function, value)
    try:
        scheme, code = industry(value)
    except UnknownCode:
        return
    assert industry(f"{scheme}:{code}") == (scheme, code)


@settings(deadline=None)
@given(st.text(max_size=12))
def test_errors_carry_at_most_five_suggestions(value: str) -> None:
    for function in (country, technology, emerging_industry, nuts, region, industry):
        try:
            function(value)
        except UnknownCode as error:
            suggestions = error.suggestions
        else:
            continue
        assert len(suggestions) <= 5
        assert len(set(suggestions)) == len(suggestions)


def test_every_listed_code_is_a_fixed_point() -> None:
    """The exhaustive version of the sampled tests above: a few thousand dict lookups."""
    for entry in entries("country"):
        assert country(entry.code) == entry.code
        for item in subdivisions(entry.code):
            assert subdivision(item.code, country=entry.code) == item.code
    for entry in entries("nuts"):
        assert nuts(entry.code) == entry.code
    for entry in entries("nace"):
        assert industry(entry.code) == ("NACE", entry.code)
    for entry in entries("naics"):
        assert industry(f"NAICS:{entry.code}") == ("NAICS", entry.code)
    for entry in entries("technology"):
        assert technology(entry.code) == entry.code
    for entry in entries("emerging"):
        assert emerging_industry(entry.code) == entry.code
