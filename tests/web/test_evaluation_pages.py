"""Scorecard pages, PDFs and the questionnaire form, on a programme of three clusters whose
answers sit exactly on the framework's thresholds, so scores and levels are known by hand:
every indicator at its "excellent" threshold scores 100, hence an overall score of 100."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from clusterbridge.accounts.models import Role
from clusterbridge.analytics.datasets.operations import load_dataset
from clusterbridge.analytics.evaluation.demo import load_demo_evaluation
from clusterbridge.analytics.evaluation.enums import QuestionnaireStatus, ValueSource
from clusterbridge.analytics.evaluation.framework import default_framework
from clusterbridge.analytics.evaluation.models import IndicatorValue, QuestionnaireResponse
from clusterbridge.analytics.evaluation.operations import record_questionnaire
from clusterbridge.analytics.evaluation.reports import cluster_report, programme_report
from clusterbridge.analytics.evaluation.scorecard import cluster_id_of, cluster_scorecard
from clusterbridge.analytics.reports.content import BarChart, ChoroplethMap, LineChart, Report
from clusterbridge.core.db import transaction
from clusterbridge.demo import generate
from clusterbridge.demo.statistics import demo_statistics
from clusterbridge.registry.enums import OrganisationKind, Vocabulary
from clusterbridge.registry.importers.tables import import_tables
from clusterbridge.registry.models import ClusterFocus, Organisation, Programme
from tests.analytics.reports.pdf_reading import page_texts
from tests.web.auth_helpers import make_user, sign_in
from tests.web.factories import CATALAN_CLUSTER, RegistryFactory, Scenario

FOOD, TEXTILE = "Clúster Alimentari de Catalunya", "Clúster Tèxtil de Catalunya"
QUESTIONS = default_framework().of_source(ValueSource.QUESTIONNAIRE)


def answers(level: str) -> dict[str, float | str | None]:
    """Every questionnaire indicator answered exactly at ``level``'s threshold."""
    return {i.key: i.thresholds[level] for i in QUESTIONS}


@dataclass(frozen=True)
class Programme3:
    """The Catalan programme of the scenario with two more clusters, all evaluated."""

    programme: int
    automotive: int
    food: int
    textile: int
    korean: int


@pytest.fixture
def evaluated(engine: Engine, scenario: Scenario) -> Programme3:
    """Automotive: basic in 2024, excellent in 2025 (improving); food: good both years
    (stable); textile: basic both years."""
    with transaction(engine) as session:
        make = RegistryFactory(session)
        programme = session.get(Programme, scenario.catalonia_programme)
        kind = OrganisationKind.CLUSTER_ORGANISATION
        food = make.cluster(make.organisation(FOOD, kind), programme)
        textile = make.cluster(make.organisation(TEXTILE, kind), programme)
        plan = {
            scenario.catalan_cluster: ("basic", "excellent"),
            food.id: ("good", "good"),
            textile.id: ("basic", "basic"),
        }
        for cluster_id, levels in plan.items():
            for year, level in zip((2024, 2025), levels, strict=True):
                record_questionnaire(session, cluster_id, year, answers(level), None, actor="test")
        ids = (food.id, textile.id)
    return Programme3(scenario.catalonia_programme, scenario.catalan_cluster, *ids,
                      scenario.korean_cluster)  # fmt: skip


def cluster_manager(engine: Engine, client: TestClient, cluster_id: int, email: str) -> str:
    user = make_user(engine, email, Role.CLUSTER_MANAGER, cluster_id=cluster_id)
    return sign_in(client, engine, user)


def programme_manager(engine: Engine, client: TestClient, programme_id: int) -> str:
    user = make_user(engine, "pm@accio.example", Role.PROGRAMME_MANAGER, programme_id=programme_id)
    return sign_in(client, engine, user)


def figures(html: str) -> list[dict[str, object]]:
    found = re.findall(r'<script type="application/json" data-chart="[^"]+">(.*?)</script>', html)
    return [json.loads(text) for text in found]


def stored(engine: Engine, cluster_id: int, year: int) -> dict[str, float]:
    with transaction(engine) as session:
        rows = session.scalars(
            select(IndicatorValue).where(
                IndicatorValue.cluster_id == cluster_id, IndicatorValue.year == year
            )
        )
        return {row.indicator: row.value for row in rows}


# ---- permissions


@pytest.mark.parametrize(
    "path",
    ["/clusters/{c}/scorecard", "/clusters/{c}/scorecard.pdf", "/clusters/{c}/questionnaire",
     "/programmes/{p}/scorecard", "/programmes/{p}/scorecard.pdf"],
)  # fmt: skip
def test_anonymous_visitors_are_sent_to_sign_in(
    client: TestClient, evaluated: Programme3, path: str
) -> None:
    url = path.format(c=evaluated.automotive, p=evaluated.programme)
    response = client.get(url, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


def test_a_manager_of_another_cluster_is_refused(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    csrf = cluster_manager(engine, client, evaluated.korean, "kr@kbia.example")
    cluster, programme = evaluated.automotive, evaluated.programme
    for url in (f"/clusters/{cluster}/scorecard", f"/clusters/{cluster}/scorecard.pdf",
                f"/clusters/{cluster}/questionnaire", f"/programmes/{programme}/scorecard"):  # fmt: skip
        assert client.get(url).status_code == 403, url
    posted = client.post(
        f"/clusters/{cluster}/questionnaire?year=2025",
        data={"csrf_token": csrf, "value-board_meetings": "1", "action": "submit"},
    )
    assert posted.status_code == 403
    assert stored(engine, cluster, 2025)["board_meetings"] == answers("excellent")["board_meetings"]
    assert client.get(f"/clusters/{evaluated.korean}/scorecard").status_code == 200


def test_a_cluster_manager_may_not_open_the_programme_scorecard(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    cluster_manager(engine, client, evaluated.automotive, "ciac@ciac.example")
    assert client.get(f"/programmes/{evaluated.programme}/scorecard").status_code == 403


# ---- the cluster scorecard


def test_the_cluster_manager_sees_level_and_trend_with_peers_anonymised(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    cluster_manager(engine, client, evaluated.automotive, "ciac@ciac.example")
    page = client.get(f"/clusters/{evaluated.automotive}/scorecard")  # latest year: 2025
    assert page.status_code == 200
    text = page.text
    assert "Overall level: excellent. Overall score: 100.0 of 100." in text
    assert "Trend since 2024: improving" in text
    assert FOOD not in text
    assert TEXTILE not in text
    bars = next(f for f in figures(text) if f["data"][0]["type"] == "bar")  # type: ignore[index]
    labels = bars["data"][0]["y"]  # type: ignore[index]
    assert sorted(labels) == sorted([CATALAN_CLUSTER, "Peer 1", "Peer 2"])
    assert f'href="/clusters/{evaluated.automotive}/questionnaire?year=2025"' in text
    assert f'href="/clusters/{evaluated.automotive}/scorecard.pdf?year=2025"' in text
    assert '<option value="2024">2024</option>' in text


def test_the_programme_manager_sees_the_peers_by_name(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    programme_manager(engine, client, evaluated.programme)
    page = client.get(f"/clusters/{evaluated.automotive}/scorecard", params={"year": 2024})
    assert page.status_code == 200
    assert FOOD in page.text
    assert TEXTILE in page.text
    assert "Peer 1" not in page.text
    # 2024 is the first year with values: no trend yet.
    assert "Trend since 2023: no earlier value" in page.text


def test_the_pdf_names_the_cluster_and_its_level(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    cluster_manager(engine, client, evaluated.automotive, "ciac@ciac.example")
    pdf = client.get(f"/clusters/{evaluated.automotive}/scorecard.pdf", params={"year": 2025})
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    text = " ".join(page_texts(pdf.content))
    assert CATALAN_CLUSTER in text
    assert "Overall level: excellent" in text
    assert FOOD not in text


def test_the_profile_links_to_the_scorecard_only_for_those_allowed(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    link = f'href="/clusters/{evaluated.automotive}/scorecard"'
    assert link not in client.get(f"/clusters/{evaluated.automotive}").text
    programme_manager(engine, client, evaluated.programme)
    assert link in client.get(f"/clusters/{evaluated.automotive}").text
    home = client.get("/").text
    assert f'href="/programmes/{evaluated.programme}/scorecard"' in home


# ---- the questionnaire


def test_submitting_the_questionnaire_changes_the_scorecard(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    user = make_user(engine, "tex@tex.example", Role.CLUSTER_MANAGER, cluster_id=evaluated.textile)
    csrf = sign_in(client, engine, user)
    before = client.get(f"/clusters/{evaluated.textile}/scorecard?year=2025").text
    assert "Overall level: excellent" not in before
    form = {f"value-{key}": str(value) for key, value in answers("excellent").items()}
    form |= {"csrf_token": csrf, "action": "submit", "note-board_meetings": "Monthly"}
    posted = client.post(
        f"/clusters/{evaluated.textile}/questionnaire?year=2025", data=form, follow_redirects=False
    )
    assert posted.status_code == 303
    assert posted.headers["location"].endswith("year=2025&saved=submitted")
    after = client.get(f"/clusters/{evaluated.textile}/scorecard?year=2025").text
    assert "Overall level: excellent. Overall score: 100.0 of 100." in after
    with transaction(engine) as session:
        row = session.scalar(
            select(IndicatorValue).where(
                IndicatorValue.cluster_id == evaluated.textile,
                IndicatorValue.year == 2025,
                IndicatorValue.indicator == "board_meetings",
            )
        )
        response = session.scalar(
            select(QuestionnaireResponse).where(
                QuestionnaireResponse.cluster_id == evaluated.textile,
                QuestionnaireResponse.year == 2025,
            )
        )
        assert row is not None
        assert response is not None
        assert (row.value, row.note, row.recorded_by) == (6.0, "Monthly", user)
        assert (response.status, response.submitted_by) == (QuestionnaireStatus.SUBMITTED, user)


def test_the_form_shows_the_stored_answers_and_saves_a_draft(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    csrf = cluster_manager(engine, client, evaluated.food, "food@food.example")
    page = client.get(f"/clusters/{evaluated.food}/questionnaire", params={"year": 2025})
    assert page.status_code == 200
    question = next(i for i in QUESTIONS if i.key == "board_meetings").question
    assert question is not None
    assert question in page.text
    assert 'id="value-board_meetings" name="value-board_meetings"' in page.text
    assert 'value="4"' in page.text  # the "good" threshold of board meetings
    form = {f"value-{key}": str(value) for key, value in answers("good").items()}
    form |= {"csrf_token": csrf, "action": "draft", "value-board_meetings": "5"}
    done = client.post(f"/clusters/{evaluated.food}/questionnaire?year=2025", data=form)
    assert done.status_code == 200
    assert "saved as a draft" in done.text
    assert "Status: <strong>draft</strong>" in done.text
    assert stored(engine, evaluated.food, 2025)["board_meetings"] == 5.0


def test_a_bad_value_shows_a_field_error_and_stores_nothing(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    csrf = cluster_manager(engine, client, evaluated.food, "food@food.example")
    before = stored(engine, evaluated.food, 2025)
    form = {f"value-{key}": str(value) for key, value in answers("good").items()}
    form |= {"csrf_token": csrf, "action": "submit",
             "value-board_meetings": "9", "value-member_satisfaction": "140"}  # fmt: skip
    page = client.post(f"/clusters/{evaluated.food}/questionnaire?year=2025", data=form)
    assert page.status_code == 422
    assert "Nothing was saved." in page.text
    error = re.search(r'<p class="field__error" id="error-value-member_satisfaction">(.*?)</p>',
                      page.text)  # fmt: skip
    assert error is not None
    assert "percent" in error.group(1)
    assert 'aria-invalid="true"' in page.text
    assert 'value="140"' in page.text
    assert 'value="9"' in page.text
    assert stored(engine, evaluated.food, 2025) == before  # board_meetings not half-applied


def test_a_year_out_of_range_is_named_above_the_form(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    csrf = cluster_manager(engine, client, evaluated.food, "food@food.example")
    form = {"csrf_token": csrf, "action": "submit", "value-board_meetings": "9"}
    page = client.post(f"/clusters/{evaluated.food}/questionnaire?year=1950", data=form)
    assert page.status_code == 422
    alert = re.search(r'role="alert">(.*?)</div>', page.text, re.S)
    assert alert is not None
    assert "Year must be from 1990 to" in alert.group(1)
    assert stored(engine, evaluated.food, 1950) == {}


def test_submitting_an_empty_questionnaire_says_so(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    csrf = cluster_manager(engine, client, evaluated.food, "food@food.example")
    page = client.post(
        f"/clusters/{evaluated.food}/questionnaire?year=2026",
        data={"csrf_token": csrf, "action": "submit"},
    )
    assert page.status_code == 422
    alert = re.search(r'role="alert">(.*?)</div>', page.text, re.S)
    assert alert is not None
    assert "The questionnaire is empty: answer at least one question." in alert.group(1)


def test_a_post_without_the_csrf_token_is_refused(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    cluster_manager(engine, client, evaluated.food, "food@food.example")
    before = stored(engine, evaluated.food, 2025)
    form = {"value-board_meetings": "9", "action": "submit"}
    page = client.post(f"/clusters/{evaluated.food}/questionnaire?year=2025", data=form)
    assert page.status_code == 403
    assert stored(engine, evaluated.food, 2025) == before


# ---- the programme scorecard


def test_the_programme_scorecard_lists_every_cluster(
    engine: Engine, client: TestClient, evaluated: Programme3
) -> None:
    programme_manager(engine, client, evaluated.programme)
    page = client.get(f"/programmes/{evaluated.programme}/scorecard")
    assert page.status_code == 200
    for name in (CATALAN_CLUSTER, FOOD, TEXTILE):
        assert name in page.text
    assert f'href="/clusters/{evaluated.textile}/scorecard?year=2025"' in page.text
    # No statistics are loaded here: the opportunities section says what it would need.
    assert "Inter-cluster opportunities" in page.text
    assert "No stored regional statistics cover the programme" in page.text
    pdf = client.get(f"/programmes/{evaluated.programme}/scorecard.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert TEXTILE in " ".join(page_texts(pdf.content))


# ---- the report builders


def blocks_of(report: Report, heading: str) -> list[object]:
    (section,) = [s for s in report.sections if s.heading == heading]
    return list(section.blocks)


def test_the_cluster_report_highlights_the_cluster_among_anonymous_peers(
    engine: Engine, evaluated: Programme3
) -> None:
    with transaction(engine) as session:
        report = cluster_report(session, evaluated.automotive, 2025, peer_names=False)
    headings = [s.heading for s in report.sections]
    assert headings == ["Summary", "Areas", "Indicators", "Over time", "Peer comparison",
                        "Regional strength"]  # fmt: skip
    (bars,) = blocks_of(report, "Peer comparison")
    assert isinstance(bars, BarChart)
    assert next((b.label, b.value, b.highlight) for b in bars.bars) == (
        CATALAN_CLUSTER,
        100.0,
        True,
    )
    assert [b.label for b in bars.bars[1:]] == ["Peer 1", "Peer 2"]
    assert not any(b.highlight for b in bars.bars[1:])
    assert bars.reference_line == bars.bars[1].value  # median of three: the middle one
    scores, _key = blocks_of(report, "Over time")
    assert isinstance(scores, LineChart)
    assert scores.series[0].name == "Overall"
    assert dict(scores.series[0].points)[2025] == 100.0
    assert scores.years() == [2024, 2025]
    (indicators,) = blocks_of(report, "Indicators")
    assert len(indicators.rows) == len(default_framework().indicators)  # type: ignore[attr-defined]
    # No statistics are stored: the section says what would be needed.
    assert blocks_of(report, "Regional strength") == []


def test_the_map_appears_when_a_dataset_covers_region_and_focus(
    engine: Engine, evaluated: Programme3
) -> None:
    info, panel = demo_statistics()[0]
    with transaction(engine) as session:
        load_dataset(session, info, panel, None)
        organisation = session.scalars(select(Organisation).where(Organisation.name == FOOD)).one()
        organisation.nuts = "ES51"
        focus = ClusterFocus(cluster_id=evaluated.food, vocabulary=Vocabulary.EMERGING)
        focus.code = "biopharmaceuticals"
        session.add(focus)
    with transaction(engine) as session:
        report = cluster_report(session, evaluated.food, 2025, peer_names=True)
    (section,) = [s for s in report.sections if s.heading == "Regional strength"]
    (chart,) = section.blocks
    assert isinstance(chart, ChoroplethMap)
    assert chart.title == "Biopharmaceuticals: location quotient by region, 2024"  # <= 2025
    assert "Cataluña (ES51)" in section.paragraphs[0]
    peers = blocks_of(report, "Peer comparison")[0]
    assert isinstance(peers, BarChart)
    assert {b.label for b in peers.bars} == {CATALAN_CLUSTER, FOOD, TEXTILE}


def test_the_programme_report_counts_clusters_per_level(
    engine: Engine, evaluated: Programme3
) -> None:
    with transaction(engine) as session:
        report = programme_report(session, evaluated.programme, 2025)
    clusters, _areas = blocks_of(report, "Clusters")
    assert [row[0] for row in clusters.rows] == [CATALAN_CLUSTER, FOOD, TEXTILE]  # type: ignore[attr-defined]
    assert clusters.rows[0][1:3] == (100.0, "excellent")  # type: ignore[attr-defined]
    (levels,) = blocks_of(report, "Levels reached")
    counts = dict(levels.rows)  # type: ignore[attr-defined]
    assert counts["excellent"] == 1
    assert counts["good"] == 1
    assert sum(counts.values()) == 3
    (history,) = blocks_of(report, "Over time")
    assert isinstance(history, LineChart)
    assert [s.name for s in history.series] == ["Lower quartile", "Median", "Upper quartile"]


def test_the_demo_has_a_catalan_and_a_korean_scorecard(engine: Engine) -> None:
    import_tables(generate(seed=7, organisations=1_000), actor="demo", engine=engine)
    with transaction(engine) as session:
        for info, panel in demo_statistics():
            load_dataset(session, info, panel, None)
        load_demo_evaluation(session, seed=7)
    with transaction(engine) as session:
        for external_id in ("demo-cluster-ct-automotive", "demo-cluster-kr-changwon-01"):
            cluster_id = cluster_id_of(session, external_id)
            card = cluster_scorecard(session, cluster_id, 2025)
            report = cluster_report(session, cluster_id, 2025, peer_names=False)
            summary = report.sections[0].paragraphs[0]
            assert f"Overall level: {card.level or 'no level reached'}." in summary
            assert isinstance(blocks_of(report, "Regional strength")[0], ChoroplethMap)
            assert card.trend is not None
