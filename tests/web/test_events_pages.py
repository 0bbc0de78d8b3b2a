"""The participants' event pages: who sees each page, the registration form's messages at its
fields, CSRF, meeting requests sent and answered in the pages, and a whole small event with the
real optimiser up to the agenda as PDF and iCalendar and the outcome of a meeting."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import Engine, select

from clusterbridge.accounts.models import Role
from clusterbridge.core.db import transaction
from clusterbridge.events import models as m
from clusterbridge.events import operations as ops
from tests.analytics.reports.pdf_reading import page_texts
from tests.web.auth_helpers import make_user, sign_in
from tests.web.factories import Scenario, seed_many
from tests.web.page_checks import needs_sign_in, words
from tests.web.statements import StatementCounter

MORNING = datetime(2030, 3, 29, 10, 0)  # venue time (Madrid, UTC+1)
SOLVER_SECONDS = 2.0


@dataclass(frozen=True)
class Event:
    """An open event with two approved participants (Motors, the Korean battery company)."""

    id: int
    motors: int
    battery: int


def make_event(name: str = "EU–Korea Battery B2B", open_it: bool = True) -> int:
    with transaction() as session:
        values = ops.EventInput(
            name=name,
            timezone="Europe/Madrid",
            venue="Fira Barcelona",
            description="Cells, packs and recycling.",
            slot_minutes=30,
        )
        event = ops.create_event(session, values, actor_id=None)
        ops.add_session(session, event.id, "Morning", MORNING, 4, actor_id=None)
        ops.set_tables(session, event.id, 2, actor_id=None)
        if open_it:
            ops.open_registration(session, event.id, actor_id=None)
        return event.id


def register(event_id: int, organisation_id: int, name: str, approve: bool = True) -> int:
    email = name.lower().replace(" ", ".") + "@example.org"
    with transaction() as session:
        values = ops.RegistrationInput(organisation_id=organisation_id, name=name, email=email)
        registration = ops.register(session, event_id, values, actor_id=None)
        if approve:
            ops.decide_registration(session, registration.id, True, actor_id=None)
        return registration.id


@pytest.fixture
def event(engine: Engine, scenario: Scenario) -> Event:
    event_id = make_event()
    return Event(
        event_id,
        register(event_id, scenario.motors, "Pau Ferrer"),
        register(event_id, scenario.battery_company, "Ji-ho Park"),
    )


def as_user(client: TestClient, engine: Engine, role: Role | None = None, **scope: int) -> str:
    """Sign ``client`` in as a new user; returns the CSRF token."""
    email = f"{role.value if role else 'nobody'}-{secrets.token_hex(4)}@example.org"
    return sign_in(client, engine, make_user(engine, email, role, **scope))


def rep(client: TestClient, engine: Engine, organisation_id: int) -> str:
    return as_user(client, engine, Role.MEMBER_REPRESENTATIVE, organisation_id=organisation_id)


def test_the_list_shows_events_but_drafts_only_to_organisers(
    client: TestClient, engine: Engine, event: Event
) -> None:
    make_event("Secret draft", open_it=False)
    page = words(client.get("/events").text)
    assert "EU–Korea Battery B2B" in page
    assert "Registration open" in page
    assert "Fri 29 March 2030, 10:00–12:00" in page
    assert "2 participants" in page
    assert "Secret draft" not in page
    as_user(client, engine, Role.EVENT_ORGANISER)
    assert "Secret draft" in words(client.get("/events").text)


def test_the_event_page_in_local_time_and_what_each_visitor_can_do(
    client: TestClient, engine: Engine, scenario: Scenario, event: Event
) -> None:
    page = words(client.get(f"/events/{event.id}").text)
    assert "Morning : Fri 29 March 2030, 10:00–12:00 (4 meeting slots)" in page
    assert "2 approved" in page
    assert "Sign in to register" in page
    assert "Browse participants" not in page
    rep(client, engine, scenario.motors)
    page = words(client.get(f"/events/{event.id}").text)
    assert "Pau Ferrer for Motors Vallès SL : Approved" in page
    for link in ("Register a representative", "Browse participants", "My requests", "My agenda"):
        assert link in page
    draft = make_event("Draft", open_it=False)
    assert client.get(f"/events/{draft}").status_code == 404
    assert client.get("/events/999999").status_code == 404


def test_pages_refuse_those_who_have_no_part_in_the_event(
    client: TestClient, engine: Engine, scenario: Scenario, event: Event
) -> None:
    pages = ["register", "participants", "requests", "agenda"]
    pdf = f"/events/{event.id}/registrations/{event.motors}/agenda.pdf"
    for path in [*(f"/events/{event.id}/{p}" for p in pages), pdf]:
        assert needs_sign_in(client.get(path, follow_redirects=False)), path
    as_user(client, engine)
    for path in [*(f"/events/{event.id}/{p}" for p in pages), pdf]:
        assert client.get(path).status_code == 403, path
    client.cookies.clear()
    rep(client, engine, scenario.upc)  # represents an organisation, but it is not registered
    assert client.get(f"/events/{event.id}/register").status_code == 200
    for path in [*(f"/events/{event.id}/{p}" for p in pages[1:]), pdf]:
        assert client.get(path).status_code == 403, path
    client.cookies.clear()
    as_user(client, engine, Role.EVENT_ORGANISER)
    for path in (f"/events/{event.id}/{p}" for p in pages):
        assert client.get(path).status_code == 200, path


def test_the_form_offers_the_organisations_one_acts_for(
    client: TestClient, engine: Engine, scenario: Scenario, event: Event
) -> None:
    as_user(client, engine, Role.CLUSTER_MANAGER, cluster_id=scenario.catalan_cluster)
    page = client.get(f"/events/{event.id}/register").text
    options = set(re.findall(r'<option value="(\d+)"', page))
    assert {str(scenario.motors), str(scenario.upc), str(scenario.catalan_cluster_org)} <= options
    assert str(scenario.battery_company) not in options
    assert str(scenario.former_member) not in options
    assert 'name="unavailable" value="3"' in page
    assert "11:30–12:00" in page


def test_organisers_find_any_organisation_to_register(
    client: TestClient, engine: Engine, scenario: Scenario, event: Event
) -> None:
    as_user(client, engine, Role.EVENT_ORGANISER)
    page = client.get(f"/events/{event.id}/register")
    assert re.findall(r'<option value="(\d+)"', page.text) == []
    found = client.get(f"/events/{event.id}/register?q=Girona")
    assert re.findall(r'<option value="(\d+)"', found.text) == [str(scenario.leaving_member)]


def test_registering_for_an_organisation_one_does_not_represent_is_refused(
    client: TestClient, engine: Engine, scenario: Scenario, event: Event
) -> None:
    csrf = rep(client, engine, scenario.upc)
    form = {"csrf_token": csrf, "organisation_id": str(scenario.battery_company),
            "name": "Intruder", "email": "intruder@example.org"}  # fmt: skip
    assert client.post(f"/events/{event.id}/register", data=form).status_code == 403
    with transaction() as session:
        assert (
            session.scalar(select(m.Registration).where(m.Registration.name == "Intruder")) is None
        )


def test_the_form_shows_each_problem_at_its_field_and_saves_nothing(
    client: TestClient, engine: Engine, scenario: Scenario, event: Event
) -> None:
    csrf = rep(client, engine, scenario.upc)
    form = {"csrf_token": csrf, "organisation_id": str(scenario.upc), "name": "",
            "email": "not-an-address", "max_meetings": "many", "offer": "Battery testing"}  # fmt: skip
    response = client.post(f"/events/{event.id}/register", data=form)
    assert response.status_code == 422
    for field in ("name", "email", "max_meetings"):
        assert re.search(rf'<p class="field__error" id="error-{field}">\w', response.text), field
    assert "Battery testing</textarea>" in response.text
    with transaction() as session:
        count = len(session.scalars(select(m.Registration)).all())
    assert count == 2


def test_a_registration_is_pending_until_approved(
    client: TestClient, engine: Engine, scenario: Scenario, event: Event
) -> None:
    csrf = rep(client, engine, scenario.upc)
    form = {"csrf_token": csrf, "organisation_id": str(scenario.upc), "name": "Núria Vidal",
            "email": "nuria@upc.example", "looking_for": "Pilot partners", "max_meetings": "3",
            "unavailable": ["0", "3"]}  # fmt: skip
    response = client.post(f"/events/{event.id}/register", data=form)
    assert response.status_code == 200
    page = words(response.text)
    assert "The organiser will approve the registration" in page
    assert "Núria Vidal for Universitat Politècnica de Catalunya : Pending approval" in page
    with transaction() as session:
        made = session.scalars(
            select(m.Registration).where(m.Registration.name == "Núria Vidal")
        ).one()
        assert (made.status, made.unavailable, made.max_meetings) == (
            m.RegistrationStatus.PENDING,
            [0, 3],
            3,
        )
    again = client.post(f"/events/{event.id}/register", data=form)
    assert again.status_code == 409
    assert "already registered" in words(again.text)
    assert "can ask for meetings once the organiser approves" in words(
        client.get(f"/events/{event.id}/participants").text
    )


def test_every_form_needs_the_csrf_token(
    client: TestClient, engine: Engine, scenario: Scenario, event: Event
) -> None:
    rep(client, engine, scenario.motors)
    posts = {
        f"/events/{event.id}/register": {"organisation_id": str(scenario.motors), "name": "X",
                                          "email": "x@example.org"},
        f"/events/{event.id}/requests": {"requester_id": str(event.motors),
                                          "requested_id": str(event.battery), "priority": "2"},
    }  # fmt: skip
    for path, form in posts.items():
        assert client.post(path, data=form).status_code == 403, path
        assert client.post(path, data={**form, "csrf_token": "forged"}).status_code == 403
    with transaction() as session:
        assert session.scalars(select(m.MeetingRequest)).first() is None
        assert len(session.scalars(select(m.Registration)).all()) == 2


def test_browse_search_and_ask_to_meet(
    client: TestClient, engine: Engine, scenario: Scenario, event: Event
) -> None:
    csrf = rep(client, engine, scenario.motors)
    page = client.get(f"/events/{event.id}/participants")
    assert "Ji-ho Park" in page.text
    assert "Your organisation." in page.text
    assert "Ji-ho Park" not in client.get(f"/events/{event.id}/participants?q=welding").text
    form = {"csrf_token": csrf, "requester_id": str(event.motors),
            "requested_id": str(event.battery), "priority": "7", "message": "Cells"}  # fmt: skip
    refused = client.post(f"/events/{event.id}/requests", data=form)
    assert refused.status_code == 422
    assert "Choose a priority from 1 to 3." in refused.text
    sent = client.post(f"/events/{event.id}/requests", data={**form, "priority": "3"})
    assert sent.status_code == 200
    assert "Your request was sent" in sent.text
    assert "request pending" in words(sent.text)
    mine = words(client.get(f"/events/{event.id}/requests").text)
    assert "Ji-ho Park ( 배터리솔루션 주식회사 ) 3 Cells Waiting for an answer" in mine
    twice = client.post(f"/events/{event.id}/requests", data={**form, "priority": "3"})
    assert twice.status_code == 409
    assert "already asked" in words(twice.text)


def test_asking_on_behalf_of_another_participant_is_refused(
    client: TestClient, engine: Engine, scenario: Scenario, event: Event
) -> None:
    csrf = rep(client, engine, scenario.motors)
    form = {"csrf_token": csrf, "requester_id": str(event.battery),
            "requested_id": str(event.motors), "priority": "2"}  # fmt: skip
    assert client.post(f"/events/{event.id}/requests", data=form).status_code == 403
    other = make_event("Another event")
    stranger = register(other, scenario.upc, "Someone Else")
    form = {**form, "requester_id": str(stranger)}
    assert client.post(f"/events/{event.id}/requests", data=form).status_code == 404


def test_answer_and_withdraw_requests(
    client: TestClient, engine: Engine, scenario: Scenario, event: Event
) -> None:
    with transaction() as session:
        asked = ops.send_request(session, event.motors, event.battery, actor_id=None).id
    csrf = rep(client, engine, scenario.motors)
    path = f"/events/{event.id}/requests/{asked}"
    assert (
        client.post(f"{path}/respond", data={"csrf_token": csrf, "answer": "accept"}).status_code
        == 403
    )
    client.cookies.clear()
    csrf_korea = rep(client, engine, scenario.battery_company)
    page = client.get(f"/events/{event.id}/requests").text
    assert f'action="{path}/respond"' in page
    done = client.post(f"{path}/respond", data={"csrf_token": csrf_korea, "answer": "accept"})
    assert done.status_code == 200
    assert "You accepted the request" in done.text
    client.cookies.clear()
    csrf = rep(client, engine, scenario.motors)
    gone = client.post(f"{path}/cancel", data={"csrf_token": csrf})
    assert gone.status_code == 200
    assert "Your request was withdrawn" in gone.text
    with transaction() as session:
        assert session.get(m.MeetingRequest, asked).status is m.RequestStatus.CANCELLED  # type: ignore[union-attr]
    again = client.post(f"{path}/cancel", data={"csrf_token": csrf})
    assert again.status_code == 409
    assert "already cancelled" in again.text


def _schedule_and_publish(event_id: int) -> None:
    with transaction() as session:
        ops.close_registration(session, event_id, actor_id=None)
        job = ops.start_schedule_job(session, event_id, actor_id=None).id
    outcome = ops.run_schedule_job(job, time_limit=SOLVER_SECONDS, workers=1)
    assert outcome.status is m.JobStatus.DONE, outcome.message
    with transaction() as session:
        ops.publish(session, event_id, actor_id=None)


def test_a_participant_from_request_to_agenda_and_outcome(
    client: TestClient, engine: Engine, scenario: Scenario, event: Event
) -> None:
    upc = register(event.id, scenario.upc, "Núria Vidal")
    csrf = rep(client, engine, scenario.motors)
    for requested in (event.battery, upc):
        form = {"csrf_token": csrf, "requester_id": str(event.motors),
                "requested_id": str(requested), "priority": "3", "message": "Welding"}  # fmt: skip
        assert client.post(f"/events/{event.id}/requests", data=form).status_code == 200
    with transaction() as session:
        for request in session.scalars(select(m.MeetingRequest)):
            ops.respond_request(session, request.id, True, actor_id=None)
    agenda = words(client.get(f"/events/{event.id}/agenda").text)
    assert "not published yet" in agenda
    pdf_path = f"/events/{event.id}/registrations/{event.motors}/agenda.pdf"
    assert client.get(pdf_path).status_code == 409

    _schedule_and_publish(event.id)
    agenda = words(client.get(f"/events/{event.id}/agenda").text)
    assert "Ji-ho Park (배터리솔루션 주식회사)" in agenda
    assert "Núria Vidal" in agenda
    assert re.search(r"Fri 29 March 2030, 1[01]:[03]0–1[01]:[03]0 Table \d", agenda)
    pdf = client.get(pdf_path)
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(page_texts(pdf.content)).replace("\n", "")
    assert "Ji-ho Park" in text
    assert "Núria Vidal" in text
    ics = client.get(pdf_path.replace(".pdf", ".ics"))
    assert ics.headers["content-type"].startswith("text/calendar")
    meetings = list(Calendar.from_ical(ics.content).walk("VEVENT"))
    assert len(meetings) == 2
    assert {str(e["summary"]) for e in meetings} == {
        "Meeting with Ji-ho Park (배터리솔루션 주식회사)",
        "Meeting with Núria Vidal (Universitat Politècnica de Catalunya)",
    }

    with transaction() as session:
        meeting = session.scalars(
            select(m.Meeting).where(m.Meeting.requested_id == event.battery)
        ).one()
    outcome_path = f"/events/{event.id}/meetings/{meeting.id}/outcome"
    form = {"csrf_token": csrf, "held": "", "outcome": "agreement_signed", "note": "MoU"}
    refused = client.post(outcome_path, data=form)
    assert refused.status_code == 422
    assert "Say whether the meeting took place." in refused.text
    form["held"] = "yes"
    assert "The outcome was recorded" in client.post(outcome_path, data=form).text
    with transaction() as session:
        stored = session.get(m.Meeting, meeting.id)
        assert stored is not None
        assert (stored.status, stored.outcome, stored.outcome_note) == (
            m.MeetingStatus.HELD,
            m.MeetingOutcome.AGREEMENT_SIGNED,
            "MoU",
        )

    client.cookies.clear()
    csrf = rep(client, engine, scenario.upc)  # the other side of another meeting: not this one
    assert client.post(outcome_path, data={**form, "csrf_token": csrf}).status_code == 403
    assert client.get(pdf_path).status_code == 403
    assert client.get(f"/events/{event.id}/registrations/{upc}/agenda.pdf").status_code == 200

    client.cookies.clear()
    csrf = as_user(client, engine, Role.EVENT_ORGANISER)  # from the organiser's outcomes page
    assert client.get(pdf_path).status_code == 200
    back = f"/events/{event.id}/outcomes"
    form = {"csrf_token": csrf, "held": "no", "outcome": "", "note": "", "back": back}
    sent = client.post(outcome_path, data=form, follow_redirects=False)
    assert sent.headers["location"] == back
    elsewhere = {**form, "back": "https://elsewhere.example/"}
    sent = client.post(outcome_path, data=elsewhere, follow_redirects=False)
    assert sent.headers["location"].startswith(f"/events/{event.id}/agenda")
    wrong = client.post(outcome_path, data={**form, "outcome": "follow_up"})
    assert wrong.status_code == 422
    assert "a meeting that was not held has no outcome" in words(wrong.text)


def test_lists_cost_the_same_however_many_participants_and_events(
    client: TestClient,
    engine: Engine,
    scenario: Scenario,
    event: Event,
    count_statements: Callable[[], AbstractContextManager[StatementCounter]],
) -> None:
    rep(client, engine, scenario.motors)
    urls = ["/events", f"/events/{event.id}/participants", f"/events/{event.id}"]

    def counts() -> list[int]:
        found = []
        for url in urls:
            with count_statements() as counter:
                assert client.get(url).status_code == 200
            found.append(counter.count)
        return found

    before = counts()
    for number, organisation in enumerate(seed_many(engine, 30), start=1):
        register(event.id, organisation, f"Participant {number}")
    make_event("Second event")
    assert counts() == before
