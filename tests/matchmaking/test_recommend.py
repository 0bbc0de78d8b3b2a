"""Recommendations from the registry: sensible partners with reasons, filters, posts, profile
changes picked up incrementally, and a clear message when there is nothing to recommend."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from clusterbridge.core.db import transaction
from clusterbridge.core.errors import InvalidInput, NotFound
from clusterbridge.matchmaking.engine.embeddings import semantic_encoder
from clusterbridge.matchmaking.recommend import (
    MatchRequest,
    MatchResult,
    NothingToRecommend,
    recommend,
)
from clusterbridge.matchmaking.service import Matchmaking
from clusterbridge.registry.models import Organisation
from tests.matchmaking import post_factory
from tests.matchmaking.match_scenario import Matches, seed_matches
from tests.web.statements import counting_statements


@pytest.fixture
def matches(engine: Engine) -> Matches:
    return seed_matches(engine)


@pytest.fixture
def matchmaking(engine: Engine, tmp_path: Path) -> Matchmaking:
    return Matchmaking(tmp_path / "matchmaking", semantic_encoder())


def ask(matchmaking: Matchmaking, request: MatchRequest) -> MatchResult:
    with transaction() as session:
        return recommend(session, matchmaking, request)


def ids(result: MatchResult) -> list[int]:
    return [item.organisation_id for item in result.items]


def test_a_cluster_seeking_korean_battery_suppliers_gets_them_first(
    matches: Matches, matchmaking: Matchmaking
) -> None:
    result = ask(matchmaking, MatchRequest(str(matches.cluster), abroad=True, kinds=("company",)))
    assert set(ids(result)[:2]) == {matches.korean_battery, matches.korean_cells}
    assert ids(result)[0] == matches.korean_battery
    assert matches.spanish_battery not in ids(result)
    assert ids(result).index(matches.korean_food) > 1
    top = result.items[0]
    assert (top.rank, top.name, top.country) == (1, "Hanbit Battery Co.", "KR")
    explained = " ".join(reason.text for reason in top.reasons)
    assert "battery" in explained.lower()
    assert abs(sum(reason.share for reason in top.reasons) - 1) < 1e-6 or len(top.reasons) == 4


def test_a_company_with_research_needs_gets_the_matching_university(
    matches: Matches, matchmaking: Matchmaking
) -> None:
    result = ask(
        matchmaking, MatchRequest(str(matches.carmaker), kinds=("university", "research_centre"))
    )
    assert ids(result)[0] == matches.university
    assert set(ids(result)) == {matches.university, matches.research_centre, matches.far_university}
    texts = " ".join(reason.text for reason in result.items[0].reasons)
    assert "academia meets industry" in texts or "Worked with you" in texts


def test_free_text_and_country_filters(matches: Matches, matchmaking: Matchmaking) -> None:
    result = ask(
        matchmaking,
        MatchRequest(str(matches.carmaker), text="kimchi sauces", countries=("KR",), k=2),
    )
    assert ids(result)[0] == matches.korean_food
    assert len(result.items) == 2
    assert all(item.country == "KR" for item in result.items)


def test_a_post_ranks_for_what_it_asks(matches: Matches, matchmaking: Matchmaking) -> None:
    post_id = post_factory.post(
        matches.carmaker,
        "Crash simulation of battery housings",
        description="We look for a lab for crash simulation of lightweight battery housings.",
        countries=("ES",),
        kinds=("university",),
        technologies=("lightweight-construction",),
    )
    result = ask(matchmaking, MatchRequest(str(matches.carmaker), post_id=post_id))
    assert result.post is not None
    assert result.post.id == post_id
    assert ids(result) == [matches.university, matches.far_university]
    with pytest.raises(NotFound, match="belongs to"):
        ask(matchmaking, MatchRequest(str(matches.cluster), post_id=post_id))


def test_a_changed_profile_moves_without_rebuilding_the_index(
    matches: Matches, matchmaking: Matchmaking
) -> None:
    request = MatchRequest(str(matches.carmaker), kinds=("research_centre", "university"))

    def centre_score() -> float:
        found = ask(matchmaking, request).items
        return next(i.score for i in found if i.organisation_id == matches.research_centre)

    before = centre_score()
    index = matchmaking.index
    with transaction() as session:
        centre = session.get_one(Organisation, matches.research_centre)
        centre.offers = "Crash simulation and testing of lightweight battery housings."
        centre.description = "Crash simulation lab for electric vehicles' battery housings."
    after = centre_score()
    assert matchmaking.index is index
    assert after > before


def test_the_index_and_ranker_are_reused_from_disk(matches: Matches, tmp_path: Path) -> None:
    request = MatchRequest(str(matches.cluster), abroad=True)
    first = ask(Matchmaking(tmp_path / "m", semantic_encoder()), request)
    assert (tmp_path / "m" / "fingerprints.json").exists()
    again = ask(Matchmaking(tmp_path / "m", semantic_encoder()), request)
    assert ids(again) == ids(first)


def test_an_unknown_organisation_is_named_with_suggestions(
    matches: Matches, matchmaking: Matchmaking
) -> None:
    with pytest.raises(NotFound, match=r"No organisation 'Hanbit Batery'.*Hanbit Battery Co\."):
        ask(matchmaking, MatchRequest("Hanbit Batery"))
    with pytest.raises(NotFound, match="No organisation '999999'"):
        ask(matchmaking, MatchRequest("999999"))


def test_the_organisation_can_be_named_by_name_or_external_id(
    matches: Matches, matchmaking: Matchmaking
) -> None:
    by_name = ask(matchmaking, MatchRequest("hanbit battery co.", k=3))
    assert by_name.organisation_id == matches.korean_battery
    with transaction() as session:
        external = session.get_one(Organisation, matches.korean_battery).external_id
    assert ask(matchmaking, MatchRequest(external, k=3)).organisation_id == matches.korean_battery


def test_an_empty_profile_gets_a_message_not_an_error(
    matches: Matches, matchmaking: Matchmaking
) -> None:
    with pytest.raises(NothingToRecommend, match="Empty Profile SL has no description"):
        ask(matchmaking, MatchRequest(str(matches.empty)))
    # a free-text need is enough to rank for it
    found = ask(matchmaking, MatchRequest(str(matches.empty), text="battery modules"))
    assert found.items[0].organisation_id in {matches.korean_battery, matches.spanish_battery}


def test_no_candidates_after_the_filters_gets_a_message(
    matches: Matches, matchmaking: Matchmaking
) -> None:
    request = MatchRequest(str(matches.carmaker), abroad=True, kinds=("public_body",))
    with pytest.raises(NothingToRecommend, match=r"abroad only; kinds public_body"):
        ask(matchmaking, request)


def test_bad_requests_name_the_field(matches: Matches, matchmaking: Matchmaking) -> None:
    with pytest.raises(InvalidInput, match=r"column kind: choose from.*'spaceship'"):
        ask(matchmaking, MatchRequest(str(matches.carmaker), kinds=("spaceship",)))
    with pytest.raises(InvalidInput, match="column k"):
        ask(matchmaking, MatchRequest(str(matches.carmaker), k=0))


def test_the_shipped_ranker_scores_every_signal_the_engine_computes() -> None:
    import json

    from clusterbridge.matchmaking.service import DEFAULT_RANKER, FEATURES

    shipped = json.loads(DEFAULT_RANKER.read_text())
    assert tuple(shipped["features"]) == FEATURES
    assert any(abs(weight) > 0.1 for weight in shipped["weights"])


def test_an_unchanged_registry_is_not_read_again(
    engine: Engine, matches: Matches, matchmaking: Matchmaking
) -> None:
    request = MatchRequest(str(matches.cluster), abroad=True)
    ask(matchmaking, request)
    history = matchmaking.history
    with counting_statements(engine) as counter:
        ask(matchmaking, request)
    assert matchmaking.history is history
    assert counter.count <= 8
