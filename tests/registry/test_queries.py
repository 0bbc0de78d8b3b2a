"""The registry's read queries: search, filters, pagination, profiles, counts, statement counts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from clusterbridge.core.db import session_factory
from clusterbridge.core.errors import NotFound
from clusterbridge.registry import queries
from clusterbridge.registry.enums import OrganisationKind, Vocabulary
from clusterbridge.registry.queries import ClusterFilter, OrganisationFilter
from tests.web.factories import CATALAN_CLUSTER, KOREAN_CLUSTER, Scenario, seed_many, seed_scenario
from tests.web.statements import counting_statements


@pytest.fixture
def scenario(engine: Engine) -> Scenario:
    return seed_scenario(engine)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session


def names(session: Session, **filters: Any) -> set[str]:
    page = queries.search_organisations(session, OrganisationFilter(**filters), per_page=100)
    assert page.total == len(page.items)
    return {record.name for record in page.items}


@pytest.mark.usefixtures("scenario")
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("MOTORS vallès", {"Motors Vallès SL"}),
        ("motors", {"Motors Vallès SL"}),
        ("배터리", {KOREAN_CLUSTER, "배터리솔루션 주식회사"}),
        ("automoció", {CATALAN_CLUSTER}),
        ("battery solution", {"배터리솔루션 주식회사"}),  # name_latin
        ("창원", {"배터리솔루션 주식회사"}),  # city
        ("STAMPING", {"Motors Vallès SL"}),  # offers
        ("battery recycling", {"Universitat Politècnica de Catalunya"}),  # needs, every word
        ("100%", set()),  # LIKE wildcards are literal
        ("   ", None),  # blank: no search
    ],
)
def test_search_matches_any_text_column_ignoring_case(
    session: Session, q: str, expected: set[str] | None
) -> None:
    found = names(session, q=q)
    assert found == (expected if expected is not None else names(session))


def test_each_filter_narrows(session: Session, scenario: Scenario) -> None:
    everyone = names(session)
    assert len(everyone) == 10
    korean = names(session, country="kr")
    assert korean == {
        "한국산업단지공단",
        KOREAN_CLUSTER,
        "배터리솔루션 주식회사",
        "Changwon Precision",
        "Korea Institute of Battery Research",
    }
    assert names(session, kind=OrganisationKind.UNIVERSITY) == {
        "Universitat Politècnica de Catalunya"
    }
    assert names(session, industry="C29.3") == {"Motors Vallès SL"}
    assert names(session, industry="C27.2") == {"배터리솔루션 주식회사"}
    assert names(session, technology="battery-materials") == {
        "Universitat Politècnica de Catalunya",
        "배터리솔루션 주식회사",
    }
    assert names(session, technology="C29.3") == set()  # an industry code is not a technology
    assert names(session, cluster_id=scenario.korean_cluster) == {
        "배터리솔루션 주식회사",
        "Korea Institute of Battery Research",
    }  # not the start-up whose membership ended yesterday
    assert names(session, cluster_id=scenario.catalan_cluster) == {
        CATALAN_CLUSTER,
        "Motors Vallès SL",
        "Universitat Politècnica de Catalunya",
        "Korea Institute of Battery Research",
        "Girona Parts SA",  # membership ends in 90 days: still current
    }
    combined = names(session, cluster_id=scenario.catalan_cluster, country="KR")
    assert combined == {"Korea Institute of Battery Research"}


def test_records_carry_codes_and_current_clusters(session: Session, scenario: Scenario) -> None:
    (record,) = queries.search_organisations(session, OrganisationFilter(q="Korea Institute")).items
    assert {c.acronym for c in record.clusters} == {"CIAC", "KBIA"}
    (battery,) = queries.search_organisations(session, OrganisationFilter(q="창원")).items
    assert [(c.vocabulary, c.code) for c in battery.codes] == [
        (Vocabulary.NACE, "C27.2"),
        (Vocabulary.TECHNOLOGY, "battery-materials"),
    ]
    (former,) = queries.search_organisations(session, OrganisationFilter(q="Changwon Prec")).items
    assert former.clusters == ()


def test_pages_are_distinct_and_complete(engine: Engine, session: Session) -> None:
    ids = seed_many(engine, 60)
    filters = OrganisationFilter(q="bulk company")
    pages = [queries.search_organisations(session, filters, page=n) for n in (1, 2, 3, 4)]
    assert [len(p.items) for p in pages] == [25, 25, 10, 0]
    assert {p.total for p in pages} == {60}
    assert {p.pages for p in pages} == {3}
    seen = [record.id for page in pages for record in page.items]
    assert sorted(seen) == sorted(ids)
    assert pages[0].items[0].name == "Bulk company 001"
    assert pages[2].items[-1].name == "Bulk company 060"


def test_cursor_walks_every_item_once(engine: Engine, session: Session) -> None:
    ids = seed_many(engine, 23)
    for filters, expected in [
        (OrganisationFilter(), ids),
        (OrganisationFilter(country="DE"), ids[::2]),
    ]:
        seen: list[int] = []
        cursor = None
        for _ in range(20):
            page = queries.list_organisations(session, filters, cursor, limit=5)
            seen += [record.id for record in page.items]
            cursor = page.next_cursor
            if cursor is None:
                break
        assert seen == sorted(expected)


def test_statement_count_does_not_grow_with_page_size(engine: Engine, session: Session) -> None:
    scenario = seed_scenario(engine)
    seed_many(engine, 40, cluster_id=scenario.catalan_cluster)
    counts = []
    for per_page in (1, 5, 45):
        with counting_statements(engine) as counter:
            page = queries.search_organisations(session, OrganisationFilter(), per_page=per_page)
            assert len(page.items) == per_page
            assert all(record.codes for record in page.items if record.name.startswith("Bulk"))
        counts.append(counter.count)
    assert counts[0] == counts[1] == counts[2] <= 4
    with counting_statements(engine) as counter:
        queries.list_organisations(session, OrganisationFilter(), limit=50)
    assert counter.count <= 3


def test_organisation_profile(session: Session, scenario: Scenario) -> None:
    profile = queries.get_organisation_profile(session, scenario.research_institute)
    assert profile.record.kind is OrganisationKind.RESEARCH_CENTRE
    assert {m.cluster.acronym for m in profile.memberships} == {"CIAC", "KBIA"}
    assert profile.collaboration_count == 12
    assert [c.year for c in profile.latest_collaborations] == list(range(2021, 2011, -1))
    upc = queries.get_organisation_profile(session, scenario.upc)
    assert upc.collaboration_count == 13
    assert upc.latest_collaborations[0].title == "Joint welding line"
    former = queries.get_organisation_profile(session, scenario.former_member)
    (ended,) = former.memberships
    assert ended.until is not None
    assert former.record.clusters == ()
    cluster_org = queries.get_organisation_profile(session, scenario.catalan_cluster_org)
    assert cluster_org.own_cluster_id == scenario.catalan_cluster
    with pytest.raises(NotFound):
        queries.get_organisation_profile(session, 999_999)


def test_cluster_directory_and_profile(session: Session, scenario: Scenario) -> None:
    all_clusters = queries.search_clusters(session, ClusterFilter())
    assert [(c.acronym, c.member_count) for c in all_clusters.items] == [
        ("CIAC", 5),
        ("KBIA", 2),
    ]
    assert queries.search_clusters(session, ClusterFilter(q="kbia")).items[0].name == KOREAN_CLUSTER
    assert queries.search_clusters(session, ClusterFilter(country="KR")).total == 1
    by_programme = queries.search_clusters(
        session, ClusterFilter(programme_id=scenario.catalonia_programme)
    )
    assert [c.name for c in by_programme.items] == [CATALAN_CLUSTER]
    korean = queries.get_cluster_profile(session, scenario.korean_cluster)
    assert korean.summary.industrial_complex_name == "Changwon National Industrial Complex"
    assert korean.summary.programme_name == "KICOX Mini-Cluster Programme"
    assert dict(korean.members_by_kind) == {
        OrganisationKind.COMPANY: 1,
        OrganisationKind.RESEARCH_CENTRE: 1,
    }
    catalan = queries.get_cluster_profile(session, scenario.catalan_cluster)
    assert [(f.vocabulary, f.code) for f in catalan.focus] == [
        (Vocabulary.NACE, "C29"),
        (Vocabulary.TECHNOLOGY, "electric-vehicles"),
    ]
    members = queries.cluster_members(session, scenario.catalan_cluster, page=1, per_page=2)
    assert members.total == 5
    assert [m.kind for m in members.items] == sorted(m.kind for m in members.items)
    with pytest.raises(NotFound):
        queries.get_cluster_profile(session, 999_999)


def test_cluster_cursor(engine: Engine, session: Session, scenario: Scenario) -> None:
    first = queries.list_clusters(session, ClusterFilter(), limit=1)
    second = queries.list_clusters(session, ClusterFilter(), first.next_cursor, limit=1)
    assert [c.id for c in first.items + second.items] == sorted(
        [scenario.catalan_cluster, scenario.korean_cluster]
    )
    assert second.next_cursor is None


def test_portfolio_and_key_figures(session: Session, scenario: Scenario) -> None:
    portfolio = {p.name: p for p in queries.programme_portfolio(session)}
    catalonia = portfolio["Catalonia Clusters Programme"]
    assert (catalonia.cluster_count, catalonia.member_count) == (1, 5)
    assert catalonia.agency_name == "ACCIÓ"
    korea = portfolio["KICOX Mini-Cluster Programme"]
    assert (korea.cluster_count, korea.member_count) == (1, 2)
    figures = queries.key_figures(session)
    assert figures.organisations == 10
    assert dict(figures.organisations_by_kind)[OrganisationKind.COMPANY] == 3
    assert (figures.clusters, figures.countries, figures.collaborations) == (2, 2, 13)


def test_directory_choices(session: Session, scenario: Scenario) -> None:
    choices = queries.directory_choices(session)
    assert choices.countries == ("ES", "KR")
    assert choices.industries == ("C27.2", "C29.3")
    assert choices.technologies == ("battery-materials", "electric-vehicles")
    assert [c.acronym for c in choices.clusters] == ["CIAC", "KBIA"]
