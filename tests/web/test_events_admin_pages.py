"""The organiser's event pages: who reaches them, forms that show problems at their fields and
save nothing, the settings' version check, and the whole workflow on a tiny event, with the
scheduling job run by the real optimiser in its background thread, the plan read back from its
CSV and PDF, and outcomes recorded from the outcomes page."""

from __future__ import annotations

import csv
import html
import io
import re
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from clusterbridge.accounts.models import Role
from clusterbridge.core.db import transaction
from clusterbridge.events.models import (
    Event,
    EventStatus,
    EventTable,
    JobStatus,
    Meeting,
    MeetingOutcome,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    ScheduleJob,
)
from clusterbridge.events.organising import (
    EventInput,
    add_session,
    close_registration,
    create_event,
    open_registration,
    set_tables,
)
from clusterbridge.events.registrations import RegistrationInput, decide_registration, register
from clusterbridge.events.requests import respond_request, send_request
from clusterbridge.web.routers.events_admin_schedule import THREAD_PREFIX, run_job
from tests.analytics.reports.pdf_reading import page_texts
from tests.web.auth_helpers import make_user, sign_in
from tests.web.factories import Scenario
from tests.web.page_checks import words

KOREAN = "박지호"
pytest.importorskip("ortools", reason="the schedule job needs OR-Tools")


@dataclass(frozen=True)
class TinyEvent:
    """An event of four participants from the scenario's organisations, two tables, one
    session of four slots, and four accepted requests (one pair mutual)."""

    id: int
    participants: dict[str, int]


def build_event(engine: Engine, scenario: Scenario, stage: str = "closed") -> TinyEvent:
    """The tiny event in draft, with registration ``open`` (four approved participants and
    their requests) or ``closed``."""
    with transaction(engine) as session:
        event = create_event(
            session,
            EventInput(name="EU–Korea Battery Day", timezone="Europe/Madrid",
                       venue="Fira Montjuïc, Barcelona", slot_minutes=20),
            actor_id=None,
        )  # fmt: skip
        add_session(session, event.id, "Morning", datetime(2026, 3, 30, 9, 0), 4, actor_id=None)
        set_tables(session, event.id, 2, actor_id=None)
        people: dict[str, int] = {}
        if stage != "draft":
            open_registration(session, event.id, actor_id=None)
            for key, person, org in [
                ("anna", "Anna Puig", scenario.motors),
                ("bernat", "Bernat Soler", scenario.upc),
                ("jiho", KOREAN, scenario.battery_company),
                ("min", "Min Lee", scenario.research_institute),
            ]:
                values = RegistrationInput(org, person, f"{key}@example.org")
                registration = register(session, event.id, values, actor_id=None)
                decide_registration(session, registration.id, True, actor_id=None)
                people[key] = registration.id
            for first, second in [("anna", "jiho"), ("bernat", "jiho"), ("min", "bernat")]:
                request = send_request(session, people[first], people[second], actor_id=None)
                respond_request(session, request.id, True, actor_id=None)
            send_request(session, people["jiho"], people["anna"], priority=3, actor_id=None)
        if stage == "closed":
            close_registration(session, event.id, actor_id=None)
        return TinyEvent(event.id, people)


def signed_in(client: TestClient, engine: Engine, role: Role | None = None, **scope: int) -> str:
    user = make_user(engine, f"{secrets.token_hex(4)}@example.org", role, **scope)
    return sign_in(client, engine, user)


def organiser(client: TestClient, engine: Engine) -> str:
    return signed_in(client, engine, Role.EVENT_ORGANISER)


def post(client: TestClient, path: str, csrf: str, **data: str) -> Any:
    return client.post(path, data={"csrf_token": csrf, **data}, follow_redirects=False)


def error_at(page: str, form: str, field: str) -> str:
    match = re.search(rf'<p class="field__error" id="error-{form}-{field}">(.*?)</p>', page)
    return html.unescape(match.group(1)) if match else ""


def wait_for_job_threads(timeout: float = 60) -> None:
    for thread in threading.enumerate():
        if thread.name.startswith(THREAD_PREFIX):
            thread.join(timeout)
            assert not thread.is_alive(), "the scheduling job did not end"


def add_job(engine: Engine, event_id: int, status: JobStatus, progress: float = 0.4) -> int:
    with transaction(engine) as session:
        job = ScheduleJob(event_id=event_id, status=status, progress=progress,
                          message="Solving: 3 meetings so far")  # fmt: skip
        session.add(job)
        session.flush()
        return job.id


def test_pages_render_for_organisers_and_admins_and_refuse_others(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    event = build_event(engine, scenario, "open").id
    job = add_job(engine, event, JobStatus.DONE, 1.0)
    pages = [
        "/events/new", f"/events/{event}/manage", f"/events/{event}/plan",
        f"/events/{event}/plan?draft=1", f"/events/{event}/plan.pdf", f"/events/{event}/plan.csv",
        f"/events/{event}/outcomes", f"/events/{event}/jobs/{job}",
        f"/events/{event}/jobs/{job}.json",
    ]  # fmt: skip
    posts = [
        "/events/new", f"/events/{event}/manage", f"/events/{event}/sessions",
        f"/events/{event}/tables", f"/events/{event}/status", f"/events/{event}/schedule",
        f"/events/{event}/publish",
        f"/events/{event}/registrations/1/decide", f"/events/{event}/registrations/1/booth",
    ]  # fmt: skip
    for path in pages + posts:
        method = "GET" if path in pages else "POST"
        response = client.request(method, path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login")
    for role, scope in [
        (Role.MEMBER_REPRESENTATIVE, {"organisation_id": scenario.motors}),
        (Role.CLUSTER_MANAGER, {"cluster_id": scenario.catalan_cluster}),
        (Role.PROGRAMME_MANAGER, {"programme_id": scenario.catalonia_programme}),
        (None, {}),
    ]:
        client.cookies.clear()
        csrf = signed_in(client, engine, role, **scope)
        refused = {path: client.get(path).status_code for path in pages}
        refused |= {path: post(client, path, csrf).status_code for path in posts}
        assert set(refused.values()) == {403}, (role, refused)
    for role in (Role.EVENT_ORGANISER, Role.PLATFORM_ADMIN):
        client.cookies.clear()
        signed_in(client, engine, role)
        assert {path: client.get(path).status_code for path in pages} == dict.fromkeys(pages, 200)


def test_creating_an_event_shows_problems_at_their_fields(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    csrf = organiser(client, engine)
    form = client.get("/events/new").text
    assert 'name="timezone" type="text" value="Europe/Brussels"' in form
    sent = {"name": "", "timezone": "Mars/Olympus", "slot_minutes": "half an hour",
            "max_meetings": "0", "venue": "Fira"}  # fmt: skip
    refused = post(client, "/events/new", csrf, **sent)
    assert refused.status_code == 422
    page = refused.text
    assert error_at(page, "new", "name") == "A value is required."
    assert "IANA time zone" in error_at(page, "new", "timezone")
    assert error_at(page, "new", "slot_minutes") == "Give a whole number, such as 30."
    assert "from 1 to 1000" in error_at(page, "new", "max_meetings")
    assert 'value="Mars/Olympus"' in page
    assert 'value="Fira"' in page
    with transaction(engine) as session:
        assert session.scalars(select(Event)).all() == []
    created = post(
        client, "/events/new", csrf, name="Brokerage Day Changwon", timezone="Asia/Seoul",
        slot_minutes="30", max_meetings="8", programme_id=str(scenario.korea_programme),
        description="", venue="",
    )  # fmt: skip
    assert created.status_code == 303
    match = re.fullmatch(r"/events/(\d+)/manage\?done=created", created.headers["location"])
    assert match
    with transaction(engine) as session:
        event = session.get(Event, int(match.group(1)))
        assert event is not None
        assert (event.name, event.timezone, event.slot_minutes, event.max_meetings) == (
            "Brokerage Day Changwon", "Asia/Seoul", 30, 8)  # fmt: skip
        assert event.programme_id == scenario.korea_programme
        assert event.organiser_id is not None
        assert event.status is EventStatus.DRAFT
    dashboard = client.get(created.headers["location"]).text
    assert "The event was created" in words(dashboard)


def test_settings_keep_a_concurrent_change(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    event = build_event(engine, scenario, "draft").id
    csrf = organiser(client, engine)
    page = client.get(f"/events/{event}/manage").text
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version
    settings = {"name": "EU–Korea Battery Day 2026", "description": "", "venue": "Fira",
                "timezone": "Europe/Madrid", "slot_minutes": "25", "max_meetings": "",
                "version": version.group(1)}  # fmt: skip
    bad = post(client, f"/events/{event}/manage", csrf, **(settings | {"slot_minutes": "3"}))
    assert bad.status_code == 422
    assert "from 5 to 240" in error_at(bad.text, "settings", "slot_minutes")
    saved = post(client, f"/events/{event}/manage", csrf, **settings)
    assert saved.status_code == 303
    assert saved.headers["location"].endswith("?done=settings")
    stale = post(client, f"/events/{event}/manage", csrf, **(settings | {"name": "Overwrite"}))
    assert stale.status_code == 409
    assert "changed by someone else" in words(stale.text)
    assert "Overwrite" in stale.text
    with transaction(engine) as session:
        saved_event = session.get(Event, event)
        assert saved_event is not None
        assert (saved_event.name, saved_event.slot_minutes, saved_event.venue) == (
            "EU–Korea Battery Day 2026", 25, "Fira")  # fmt: skip


def test_sessions_tables_and_registration_status(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    event = build_event(engine, scenario, "draft").id
    csrf = organiser(client, engine)
    bad = post(client, f"/events/{event}/sessions", csrf, name="Afternoon",
               starts_at="30/03/2026 14:00", slots="x")  # fmt: skip
    assert bad.status_code == 422
    assert "2026-03-29 09:00" in error_at(bad.text, "session", "starts_at")
    assert error_at(bad.text, "session", "slots") == "Give a whole number, such as 30."
    overlap = post(client, f"/events/{event}/sessions", csrf, name="Late morning",
                   starts_at="2026-03-30T09:40", slots="2")  # fmt: skip
    assert overlap.status_code == 422
    assert "overlap" in error_at(overlap.text, "session", "starts_at")
    added = post(client, f"/events/{event}/sessions", csrf, name="Afternoon",
                 starts_at="2026-03-30T14:00", slots="3")  # fmt: skip
    assert added.status_code == 303
    page = client.get(f"/events/{event}/manage").text
    assert "2026-03-30 14:00" in page
    assert "5–7" in page

    seats = post(client, f"/events/{event}/tables", csrf, names="Booth A; 4\nT3; x")
    assert seats.status_code == 422
    assert error_at(seats.text, "tables", "names").startswith("Line 2: the seats after ';'")
    twice = post(client, f"/events/{event}/tables", csrf, names="Booth A; 4\nbooth a")
    assert twice.status_code == 422
    assert error_at(twice.text, "tables", "names") == "Table 2: two tables have this name."
    named = post(client, f"/events/{event}/tables", csrf, names="Booth A; 4\nBooth B\n\nT 3")
    assert named.status_code == 303
    with transaction(engine) as session:
        tables = session.scalars(select(EventTable).where(EventTable.event_id == event)).all()
        assert sorted((t.name, t.capacity) for t in tables) == [
            ("Booth A", 4), ("Booth B", 2), ("T 3", 2)]  # fmt: skip
    assert post(client, f"/events/{event}/tables", csrf, count="none").status_code == 422

    assert post(client, f"/events/{event}/status", csrf, action="open").status_code == 303
    again = post(client, f"/events/{event}/status", csrf, action="open")
    assert again.status_code == 409
    assert "already open" in words(again.text)
    assert post(client, f"/events/{event}/status", csrf, action="close").status_code == 303
    with transaction(engine) as session:
        assert session.get(Event, event).status is EventStatus.CLOSED  # type: ignore[union-attr]


def test_registrations_are_decided_and_given_booths(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    event = build_event(engine, scenario, "open")
    other = build_event(engine, scenario, "open")
    with transaction(engine) as session:
        pending = register(session, event.id, RegistrationInput(
            scenario.leaving_member, "Pau Serra", "pau@example.org"), actor_id=None).id  # fmt: skip
        late = register(session, event.id, RegistrationInput(
            scenario.former_member, "Late Kim", "kim@example.org"), actor_id=None).id  # fmt: skip
    csrf = organiser(client, engine)
    page = client.get(f"/events/{event.id}/manage?registrations=pending").text
    assert "Pau Serra" in page
    assert "Anna Puig" not in page
    base = f"/events/{event.id}/registrations"
    assert post(client, f"{base}/{pending}/decide", csrf, decision="approve").status_code == 303
    assert post(client, f"{base}/{late}/decide", csrf, decision="decline").status_code == 303
    twice = post(client, f"{base}/{late}/decide", csrf, decision="approve")
    assert twice.status_code == 409
    assert "not pending" in words(twice.text)
    elsewhere = other.participants["anna"]
    assert post(client, f"{base}/{elsewhere}/decide", csrf, decision="approve").status_code == 404

    unknown = post(client, f"{base}/{pending}/booth", csrf, table="Table 9")
    assert unknown.status_code == 422
    assert "No table has this name." in unknown.text
    assert post(client, f"{base}/{pending}/booth", csrf, table="table 2").status_code == 303
    taken = post(client, f"{base}/{event.participants['anna']}/booth", csrf, table="Table 2")
    assert taken.status_code == 409
    assert "already the booth of Pau Serra" in words(taken.text)
    with transaction(engine) as session:
        pau, kim = session.get(Registration, pending), session.get(Registration, late)
        assert pau is not None
        assert kim is not None
        assert pau.status is RegistrationStatus.APPROVED
        assert kim.status is RegistrationStatus.DECLINED
        assert pau.booth is not None
        assert pau.booth.name == "Table 2"
    assert post(client, f"{base}/{pending}/booth", csrf, table="").status_code == 303
    with transaction(engine) as session:
        assert session.get(Registration, pending).booth_table_id is None  # type: ignore[union-attr]


def test_the_schedule_job_runs_and_its_result_is_published(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    """Schedule (real optimiser, 3 s at most), follow the job, publish, read the plan back."""
    event = build_event(engine, scenario).id
    csrf = organiser(client, engine)
    assert post(client, f"/events/{event}/schedule", csrf, time_limit="0").status_code == 422
    started = post(client, f"/events/{event}/schedule", csrf, time_limit="3")
    assert started.status_code == 303
    match = re.fullmatch(rf"/events/{event}/jobs/(\d+)", started.headers["location"])
    assert match
    wait_for_job_threads()
    job = client.get(f"{started.headers['location']}.json").json()
    assert job["status"] == "done", job
    result = job["result"]
    # Three pairs (one mutual), four slots, two tables: all three meetings fit, no breaks needed.
    assert result["meetings"] == 3
    assert result["requested"] == 3
    assert result["without_meeting"] == 0
    assert result["weight"] == result["bound"]
    page = client.get(started.headers["location"])
    assert page.status_code == 200
    assert "Refresh" not in page.headers
    text = words(page.text)
    assert "Meetings scheduled 3 of 3 requested" in text
    assert "Gap to the bound 0.00 %" in text
    draft = client.get(f"/events/{event}/plan?draft=1").text
    assert "Draft table plan" in draft
    assert KOREAN in draft

    published = post(client, f"/events/{event}/publish", csrf)
    assert published.status_code == 303
    assert published.headers["location"].endswith("=published")
    again = post(client, f"/events/{event}/publish", csrf)
    assert again.status_code == 409
    assert "no new schedule to publish" in words(again.text)

    plan_csv = client.get(f"/events/{event}/plan.csv")
    assert plan_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(plan_csv.text)))
    assert len(rows) == 3
    assert {row["table"] for row in rows} <= {"Table 1", "Table 2"}
    assert all(row["starts_at"].startswith("2026-03-30T") and row["starts_at"].endswith("+02:00")
               for row in rows)  # fmt: skip
    assert sum(KOREAN in row["participants"] for row in rows) == 2
    pdf = client.get(f"/events/{event}/plan.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(page_texts(pdf.content))
    assert all(row["table"] in text for row in rows)
    assert "Anna Puig" in text


def test_outcomes_are_recorded_from_the_outcomes_page(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    event = build_event(engine, scenario).id
    assert run_job_now(engine, event) is JobStatus.DONE
    csrf = organiser(client, engine)
    assert post(client, f"/events/{event}/publish", csrf).status_code == 303
    page = client.get(f"/events/{event}/outcomes").text
    ids = re.findall(r'<tr id="meeting-(\d+)">', page)
    assert len(ids) == 3
    assert "Published meetings 3" in words(page)
    back = re.search(rf'name="back" value="([^"]+meeting-{ids[0]})"', page)
    assert back
    outcome = {"held": "yes", "outcome": "agreement_signed", "note": "MoU on recycling"}
    back_to = html.unescape(back.group(1))
    saved = post(
        client, f"/events/{event}/meetings/{ids[0]}/outcome", csrf, **outcome, back=back_to
    )
    assert saved.status_code == 303
    assert saved.headers["location"].startswith(f"/events/{event}/outcomes")
    summary = words(client.get(saved.headers["location"]).text)
    assert "The outcome was recorded." in summary
    assert "Held 1" in summary
    assert "Outcome: agreement signed 1" in summary
    assert "Nothing recorded yet 2" in summary
    with transaction(engine) as session:
        meeting = session.get(Meeting, int(ids[0]))
        assert meeting is not None
        assert meeting.status is MeetingStatus.HELD
        assert meeting.outcome is MeetingOutcome.AGREEMENT_SIGNED


def run_job_now(engine: Engine, event_id: int) -> JobStatus:
    """Queue a job and run it in this thread, through the function the web's thread runs."""
    from clusterbridge.events.planning import start_schedule_job

    with transaction(engine) as session:
        job_id = start_schedule_job(session, event_id, actor_id=None).id
    run_job(job_id, engine, 3.0)
    with transaction(engine) as session:
        job = session.get(ScheduleJob, job_id)
        assert job is not None
        return job.status


def test_a_running_job_page_refreshes_itself(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    event = build_event(engine, scenario).id
    other = build_event(engine, scenario).id
    job = add_job(engine, event, JobStatus.RUNNING)
    organiser(client, engine)
    page = client.get(f"/events/{event}/jobs/{job}")
    assert page.status_code == 200
    assert page.headers["Refresh"] == "2"
    assert '<meta http-equiv="refresh" content="2">' in page.text
    assert '<progress id="job-progress" max="100" value="40">' in page.text
    assert "<script" not in page.text.split("</header>")[1]
    document = client.get(f"/events/{event}/jobs/{job}.json").json()
    assert (document["status"], document["progress"], document["result"]) == ("running", 0.4, None)
    assert client.get(f"/events/{other}/jobs/{job}").status_code == 404
    assert client.get(f"/events/{other}/jobs/{job}.json").status_code == 404
    dashboard = client.get(f"/events/{event}/manage").text
    assert f'href="/events/{event}/jobs/{job}"' in dashboard
    failed = add_job(engine, other, JobStatus.FAILED, 0.2)
    page = client.get(f"/events/{other}/jobs/{failed}")
    assert "Refresh" not in page.headers
    assert "http-equiv" not in page.text
    assert "No schedule was made. Solving: 3 meetings so far" in words(page.text)


def test_scheduling_is_refused_before_registration_closes(
    client: TestClient, engine: Engine, scenario: Scenario
) -> None:
    event = build_event(engine, scenario, "open").id
    csrf = organiser(client, engine)
    refused = post(client, f"/events/{event}/schedule", csrf, time_limit="5")
    assert refused.status_code == 409
    assert "Close registration before scheduling" in words(refused.text)
    with transaction(engine) as session:
        assert session.scalars(select(ScheduleJob)).all() == []


def test_a_job_that_cannot_run_does_not_raise(engine: Engine) -> None:
    """The thread's function logs what escapes the job (here: no such job) and returns."""
    run_job(987654, engine, 1.0)
