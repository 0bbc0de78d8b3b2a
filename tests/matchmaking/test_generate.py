"""The profile generator: seeded, realistic codes and texts, the promised spread."""

from __future__ import annotations

from collections import Counter

from clusterbridge.demo.themes import THEMES
from clusterbridge.matchmaking.generate import (
    COUNTRY_WEIGHTS,
    generate_labelled,
    generate_profiles,
)
from clusterbridge.registry.enums import OrganisationKind, SizeClass
from clusterbridge.taxonomy.industries import industry


def test_the_same_seed_gives_the_same_profiles() -> None:
    assert list(generate_profiles(50, 3)) == list(generate_profiles(50, 3))
    assert list(generate_profiles(50, 3)) != list(generate_profiles(50, 4))


def test_keys_codes_and_kinds_are_valid() -> None:
    profiles = list(generate_profiles(2000, 1))
    assert [p.key for p in profiles] == list(range(1, 2001))
    kinds = {kind.value for kind in OrganisationKind}
    sizes = {size.value for size in SizeClass}
    for profile in profiles:
        assert profile.kind in kinds
        assert profile.size is None or profile.size in sizes
        assert profile.country is None or profile.country in COUNTRY_WEIGHTS
        assert profile.industries
        assert all(industry(code) == ("NACE", code) for code in profile.industries)
        assert profile.description
        assert profile.offers
        assert profile.needs


def test_the_spread_of_kinds_and_countries_is_realistic() -> None:
    profiles = list(generate_profiles(5000, 2))
    kinds = Counter(p.kind for p in profiles)
    countries = Counter(p.country for p in profiles)
    assert kinds.most_common(2)[0][0] == "company"
    assert kinds["company"] > kinds["startup"] > kinds["university"] > 0
    assert countries.most_common(1)[0][0] == "DE"
    assert countries["KR"] > countries["PT"] > countries["MT"]
    assert len(countries) >= 25
    members = sum(1 for p in profiles if p.clusters)
    assert 0.3 < members / len(profiles) < 0.7


def test_texts_use_the_vocabulary_of_the_profile_s_theme() -> None:
    for item in generate_labelled(300, 5):
        theme = THEMES[item.theme]
        text = item.profile.text
        words = (*theme.products, *theme.capabilities, *theme.needs)
        assert any(phrase in text for phrase in words), text
        assert set(item.profile.industries) <= set(theme.nace)
