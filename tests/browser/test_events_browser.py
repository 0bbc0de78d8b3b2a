"""A member's representative signs in, opens an event and asks another participant for a
meeting, in a browser."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select

from clusterbridge.accounts.models import Role, RoleGrant
from clusterbridge.accounts.users import create_user
from clusterbridge.core.db import transaction
from clusterbridge.events import models as m
from tests.web.factories import Scenario
from tests.web.test_events_pages import make_event, register

EMAIL, PASSWORD = "pau@motors.example", "a long enough password 2026"


@pytest.fixture
def representative(engine: Engine, scenario: Scenario) -> None:
    with transaction(engine) as session:
        user = create_user(session, email=EMAIL, name="Pau Ferrer", password=PASSWORD)
        session.add(
            RoleGrant(
                user_id=user.id, role=Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors
            )
        )


def test_a_representative_asks_for_a_meeting(
    live_server: str, representative: None, scenario: Scenario, page: Any, engine: Engine
) -> None:
    event_id = make_event("EU–Korea Battery B2B")
    mine = register(event_id, scenario.motors, "Pau Ferrer")
    theirs = register(event_id, scenario.battery_company, "Ji-ho Park")

    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "Pau Ferrer" in page.locator("header").inner_text()

    page.goto(f"{live_server}/events")
    page.get_by_role("link", name="EU–Korea Battery B2B").click()
    assert "Fri 29 March 2030, 10:00–12:00" in page.locator("main").inner_text()
    page.get_by_role("link", name="Browse participants and ask for meetings").click()
    card = page.locator(f"#participant-{theirs}")
    card.get_by_label("Priority").select_option("3")
    card.get_by_label("Message").fill("Cell housings for your packs")
    card.get_by_role("button", name="Ask to meet Ji-ho Park").click()
    page.wait_for_load_state()
    assert "Your request was sent" in page.locator("main").inner_text()

    with transaction(engine) as session:
        sent = session.scalars(select(m.MeetingRequest)).one()
    assert (sent.requester_id, sent.requested_id, sent.priority) == (mine, theirs, 3)
    assert sent.message == "Cell housings for your packs"
    page.get_by_role("link", name="My requests").first.click()
    assert "Waiting for an answer" in page.locator("main").inner_text()
