"""The profile index: filter masks, fused text search, changes, save and load."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from clusterbridge.matchmaking.engine.embeddings import HashedWordsEncoder
from clusterbridge.matchmaking.engine.profiles import Filters, Profile
from clusterbridge.matchmaking.engine.retrieval import ProfileIndex, fuse
from clusterbridge.matchmaking.generate import cluster_id, generate_labelled

BATTERY = "lithium-ion battery cells, cathode materials and electrode coating"
FILTERS = [
    Filters(),
    Filters(abroad_of="DE"),
    Filters(countries=frozenset({"KR", "ES"}), kinds=frozenset({"company"})),
    Filters(industries=frozenset({"27", "29.1"}), sizes=frozenset({"small", "micro"})),
    Filters(clusters=frozenset({cluster_id("batteries", "KR", 0), cluster_id("food", "ES", 1)})),
    Filters(kinds=frozenset({"university"}), exclude=frozenset({1, 2, 3})),
    Filters(countries=frozenset({"XX"})),
]


@pytest.fixture(scope="module")
def labelled() -> list[tuple[str, Profile]]:
    return [(item.theme, item.profile) for item in generate_labelled(800, 4)]


@pytest.fixture
def profiles(labelled: list[tuple[str, Profile]]) -> list[Profile]:
    return [profile for _, profile in labelled]


@pytest.fixture
def index(profiles: list[Profile]) -> ProfileIndex:
    return ProfileIndex.build(profiles, HashedWordsEncoder())


def admitted(index: ProfileIndex, filters: Filters, profiles: list[Profile]) -> None:
    mask = index.mask(filters)
    assert set(index.keys(mask)) == {p.key for p in profiles if filters.admits(p)}


@pytest.mark.parametrize("filters", FILTERS)
def test_the_mask_agrees_with_filters_admits(
    index: ProfileIndex, profiles: list[Profile], filters: Filters
) -> None:
    admitted(index, filters, profiles)


def test_the_mask_follows_changes(index: ProfileIndex, profiles: list[Profile]) -> None:
    moved = replace(profiles[0], country="KR", kind="company", clusters=frozenset({9999}))
    index.upsert(moved)
    index.remove(profiles[1].key)
    newcomer = replace(profiles[2], key=10_001, country="ES")
    index.upsert(newcomer)
    now = [moved, *profiles[2:], newcomer]
    for filters in [*FILTERS, Filters(clusters=frozenset({9999}))]:
        admitted(index, filters, now)


def test_a_battery_query_finds_battery_makers_first(
    labelled: list[tuple[str, Profile]], profiles: list[Profile]
) -> None:
    themes = {profile.key: theme for theme, profile in labelled}
    lexical = ProfileIndex.build(profiles, None)
    hits = lexical.search(BATTERY, Filters(), 5)
    assert [themes[hit.key] for hit in hits[:3]] == ["batteries"] * 3
    assert all(hit.semantic is None for hit in hits)
    assert lexical.semantic_note is not None


def test_a_selective_filter_returns_only_admitted_profiles_in_exact_order(
    index: ProfileIndex, profiles: list[Profile]
) -> None:
    filters = Filters(countries=frozenset({"KR"}), kinds=frozenset({"startup"}))
    hits = index.search(BATTERY, filters, 5)
    by_key = {p.key: p for p in profiles}
    assert hits
    assert all(filters.admits(by_key[hit.key]) for hit in hits)
    lexical = ProfileIndex.build(profiles, None).search(BATTERY, filters, 5)
    scores = {p.key: s for p, s in zip(profiles, index.bm25.scores(BATTERY), strict=True)}
    exact = sorted((p.key for p in profiles if filters.admits(p)), key=lambda k: -scores[k])
    assert [hit.key for hit in lexical] == [k for k in exact if scores[k] > 0][:5]
    assert hits[0].key in {hit.key for hit in lexical[:3]}


def test_an_upsert_moves_a_profile_to_the_top(index: ProfileIndex, profiles: list[Profile]) -> None:
    target = next(p for p in profiles if "wine" in p.text.lower())
    query = "solid-state battery separators and battery cell formation"
    assert target.key not in {hit.key for hit in index.search(query, Filters(), 10)}
    index.upsert(replace(target, description=query, offers="", needs=""))
    assert index.search(query, Filters(), 3)[0].key == target.key
    assert index.profile(target.key).description == query
    index.remove(target.key)
    assert target.key not in {hit.key for hit in index.search(query, Filters(), 10)}
    assert not index.has(target.key)


def test_save_and_load_give_the_same_hits(
    index: ProfileIndex, profiles: list[Profile], tmp_path: Path
) -> None:
    index.upsert(replace(profiles[5], needs="battery recycling partners"))
    index.remove(profiles[6].key)
    index.save(tmp_path)
    loaded = ProfileIndex.load(tmp_path, HashedWordsEncoder())
    for filters in FILTERS[:4]:
        assert loaded.search(BATTERY, filters, 10) == index.search(BATTERY, filters, 10)
        assert np.array_equal(loaded.mask(filters), index.mask(filters))
    assert loaded.profile(profiles[5].key).needs == "battery recycling partners"
    without_vectors = ProfileIndex.load(tmp_path)
    assert without_vectors.vectors is None
    assert without_vectors.search(BATTERY, Filters(), 3)[0].semantic is None


def test_text_scores_and_shared_terms(index: ProfileIndex) -> None:
    best = index.search(BATTERY, Filters(), 1)[0]
    bm25, semantic = index.text_scores(BATTERY, np.array([best.key, 123_456]))
    assert bm25[0] == pytest.approx(best.bm25)
    assert semantic[0] == pytest.approx(best.semantic)
    assert bm25[1] == 0
    shared = index.shared_terms(BATTERY, best.key, limit=3)
    assert len(shared) == 3
    assert set(shared) <= {"lithium", "ion", "battery", "cell", "cathode", "material", "electrode"}


def test_fusion_of_known_scores() -> None:
    bm25 = np.array([3.0, 0.0, 1.0])
    semantic = np.array([0.2, 0.9, 0.5])
    rrf = fuse(bm25, semantic, "rrf")
    assert rrf == pytest.approx([1 / 61 + 1 / 63, 1 / 61, 1 / 62 + 1 / 62])
    assert fuse(bm25, semantic, "score") == pytest.approx([0.5, 0.5, 0.5 * (1 / 3) + 0.5 * 3 / 7])
    assert fuse(bm25, None, "rrf") == pytest.approx([1.0, 0.0, 1 / 3])
