"""Profile-pair signals: taxonomy closeness, offers meeting needs, complementary kinds."""

from __future__ import annotations

import re

import pytest

from clusterbridge.matchmaking.engine.pairs import (
    PAIR_SIGNALS,
    Asker,
    TermSets,
    industry_overlap,
    nace_closeness,
    pair_signals,
    shared_industries,
    shared_terms,
)
from clusterbridge.matchmaking.engine.profiles import Filters, Profile


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


IDF = {"battery": 3.0, "cells": 2.0, "coating": 2.5, "the": 0.1, "and": 0.1, "software": 2.0}


def asker(kind: str = "company", kinds: tuple[str, ...] = ()) -> Asker:
    return Asker(
        profile=Profile(key=1, kind=kind, country="ES"),
        need="battery cells and coating",
        offer="software",
        industries=frozenset({"29.10"}),
        technologies=frozenset({"energy-storage", "sensors"}),
        kinds_sought=frozenset(kinds),
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("29.10", "29.10", 1.0),
        ("29.10", "29.20", 0.5),
        ("27.20", "27.21", 0.75),
        ("29.10", "72.10", 0.0),
    ],
)
def test_nace_closeness_follows_the_hierarchy(a: str, b: str, expected: float) -> None:
    assert nace_closeness(a, b) == expected


def test_industry_overlap_averages_the_best_match_of_each_code() -> None:
    assert industry_overlap(frozenset({"29.10", "72.10"}), frozenset({"29.10"})) == 0.5
    assert industry_overlap(frozenset(), frozenset({"29.10"})) == 0.0
    assert shared_industries(frozenset({"29.10"}), frozenset({"29.20", "72.10"})) == ["29.20"]


def test_term_cosine_weights_rare_terms() -> None:
    sets = TermSets(words, IDF)
    assert sets.cosine(sets.of("battery"), sets.of("battery")) == pytest.approx(1.0)
    rare = sets.cosine(sets.of("battery the"), sets.of("battery and"))
    common = sets.cosine(sets.of("battery the"), sets.of("the software"))
    assert rare > 0.9 > 0.01 > common
    assert sets.cosine(sets.of("battery"), sets.of("")) == 0.0


def test_an_offer_meeting_the_need_scores_both_ways() -> None:
    supplier = Profile(
        2, "company", "KR", offers="Battery cells with electrode coating.", needs="software"
    )
    unrelated = Profile(3, "company", "KR", offers="Olive oil.", needs="bottles")
    signals = pair_signals(asker(), [supplier, unrelated], TermSets(words, IDF))
    assert list(signals) == list(PAIR_SIGNALS)
    assert signals["offer_meets_need"][0] > 0.8
    assert signals["offer_meets_need"][1] == 0.0
    assert signals["need_met_by_offer"][0] == pytest.approx(1.0)
    assert signals["need_met_by_offer"][1] == 0.0


def test_complementary_kinds() -> None:
    university = Profile(4, "university", "ES")
    big_firm = Profile(5, "company", "ES", size="large")
    small_firm = Profile(6, "company", "ES", size="small")
    company = pair_signals(
        asker(kinds=("university",)), [university, big_firm], TermSets(words, IDF)
    )
    assert company["academia_industry"].tolist() == [1.0, 0.0]
    assert company["kind_sought"].tolist() == [1.0, 0.0]
    startup = pair_signals(
        asker("startup"), [big_firm, small_firm, university], TermSets(words, IDF)
    )
    assert startup["startup_established"].tolist() == [1.0, 0.0, 0.0]


def test_shared_terms_quote_the_rarest_words_first() -> None:
    assert shared_terms("the battery cells", "cells and battery", words, IDF, 5) == [
        "battery",
        "cells",
    ]
    assert shared_terms("battery", "software", words, IDF, 5) == []


def test_filters_admit_only_what_they_name() -> None:
    korean_firm = Profile(
        7, "company", "KR", industries=frozenset({"27.20"}), size="small", clusters=frozenset({3})
    )
    assert Filters(abroad_of="ES").admits(korean_firm)
    assert not Filters(abroad_of="KR").admits(korean_firm)
    assert not Filters(kinds=frozenset({"university"})).admits(korean_firm)
    assert Filters(industries=frozenset({"27"})).admits(korean_firm)
    assert not Filters(industries=frozenset({"29"})).admits(korean_firm)
    assert not Filters(clusters=frozenset({4})).admits(korean_firm)
    assert not Filters(sizes=frozenset({"large"})).admits(korean_firm)
    assert not Filters(exclude=frozenset({7})).admits(korean_firm)
    assert Filters(countries=frozenset({"KR", "JP"})).admits(korean_firm)
