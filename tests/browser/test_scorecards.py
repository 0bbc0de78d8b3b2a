"""A programme manager opens a demo cluster's scorecard in a browser: the charts and the map
are drawn, the peers are named, and the page links to the PDF."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from clusterbridge.accounts.models import Role, RoleGrant
from clusterbridge.accounts.users import create_user
from clusterbridge.analytics.datasets.operations import load_dataset
from clusterbridge.analytics.evaluation.demo import load_demo_evaluation
from clusterbridge.analytics.evaluation.scorecard import cluster_id_of, programme_id_of
from clusterbridge.core.db import transaction
from clusterbridge.demo import generate
from clusterbridge.demo.clusters import CATALAN_PROGRAMME
from clusterbridge.demo.statistics import demo_statistics
from clusterbridge.registry.importers.tables import import_tables

EMAIL, PASSWORD = "manager@accio.example", "a long enough password 2026"
CATALAN = "demo-cluster-ct-automotive"


@pytest.fixture
def demo_cluster(engine: Engine) -> int:
    """The demo scenario with statistics and evaluations; a manager of its Catalan programme.
    Returns the id of the Catalan automotive cluster."""
    import_tables(generate(seed=7, organisations=1_000), actor="demo", engine=engine)
    with transaction(engine) as session:
        for info, panel in demo_statistics():
            load_dataset(session, info, panel, None)
        load_demo_evaluation(session, seed=7)
        user = create_user(session, email=EMAIL, name="Marta Puig", password=PASSWORD)
        programme = programme_id_of(session, CATALAN_PROGRAMME)
        session.add(RoleGrant(user_id=user.id, role=Role.PROGRAMME_MANAGER, programme_id=programme))
        return cluster_id_of(session, CATALAN)


def test_a_programme_manager_opens_a_demo_scorecard(
    live_server: str, demo_cluster: int, page: Any
) -> None:
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    page.goto(f"{live_server}/clusters/{demo_cluster}")
    page.get_by_role("link", name="Scorecard of this cluster").click()
    page.wait_for_load_state()
    assert f"/clusters/{demo_cluster}/scorecard" in page.url
    charts = page.locator(".chart")
    drawn = page.locator(".chart.chart-drawn")
    page.wait_for_function(
        "document.querySelectorAll('.chart.chart-drawn .main-svg').length > 0 && "
        "document.querySelectorAll('.chart.chart-drawn').length === "
        "document.querySelectorAll('.chart').length",
        timeout=15_000,
    )
    assert charts.count() == 4  # scores, key indicators, peers, map
    assert drawn.count() == charts.count()
    main = page.locator("main").inner_text()
    assert "Overall level:" in main
    assert "Peer 1" not in main  # a programme manager sees the peers by name
    assert page.get_by_role("link", name="this scorecard (PDF)").count() == 1


def test_a_wrong_answer_is_shown_at_its_field_then_corrected(
    live_server: str, demo_cluster: int, page: Any
) -> None:
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    page.goto(f"{live_server}/clusters/{demo_cluster}/questionnaire?year=2025")
    satisfaction = page.get_by_label("What percentage of members answering", exact=False)
    satisfaction.fill("140")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state()
    assert "Nothing was saved." in page.locator("main").inner_text()
    assert satisfaction.get_attribute("aria-invalid") == "true"
    assert satisfaction.input_value() == "140"
    satisfaction.fill("91")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state()
    assert "were submitted" in page.locator("main").inner_text()
    assert satisfaction.input_value() == "91"
