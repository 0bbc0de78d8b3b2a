"""`clusterbridge events ...` as an organiser runs it: each command's happy path and a refusal,
bulk imports that are all-or-nothing, and a whole tiny event from creation to outcomes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner, Result

from clusterbridge.cli.events import app
from clusterbridge.core.db import transaction
from clusterbridge.events import models as m
from clusterbridge.events import plans, queries
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.models import Organisation

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def ok(*args: str) -> Result:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def refused(*args: str, code: int = 1) -> str:
    """The output of a command that must fail cleanly (an error message, no traceback)."""
    result = run(*args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.output


def organisations(*names: str) -> list[int]:
    with transaction() as session:
        known = session.scalar(select(func.count()).select_from(Organisation)) or 0
        made = [
            Organisation(external_id=f"cli-{known + n}", kind=OrganisationKind.COMPANY, name=name)
            for n, name in enumerate(names)
        ]
        session.add_all(made)
        session.flush()
        return [o.id for o in made]


def new_event(slots: int = 4, tables: int = 2, open_it: bool = True) -> int:
    out = ok(
        "create",
        "--name",
        "Battery Days",
        "--venue",
        "Square, Brussels",
        "--timezone",
        "Europe/Brussels",
        "--slot-minutes",
        "20",
    ).output
    found = re.search(r"Created event (\d+)", out)
    assert found, out
    event_id = found.group(1)
    ok(
        "session",
        event_id,
        "--name",
        "Morning",
        "--start",
        "2027-03-10T09:00",
        "--slots",
        str(slots),
    )
    if tables:
        ok("tables", event_id, "--count", str(tables))
    if open_it:
        ok("open", event_id)
    return int(event_id)


def registrations(event_id: int) -> list[queries.RegistrationRow]:
    with transaction() as session:
        return queries.registrations(session, event_id)


def requests_of(event_id: int) -> list[m.MeetingRequest]:
    with transaction() as session:
        found = session.scalars(
            select(m.MeetingRequest).where(m.MeetingRequest.event_id == event_id)
        ).all()
        session.expunge_all()
        return list(found)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def people(event_id: int, count: int = 3, approve: bool = True) -> list[int]:
    """``count`` approved participants of different organisations, registered by the CLI."""
    orgs = organisations(*(f"Org {n}" for n in range(count)))
    for n, org in enumerate(orgs):
        ok("register", str(event_id), "--organisation", str(org), "--name", f"P{n}",
           "--email", f"p{n}@example.org")  # fmt: skip
    ids = [r.id for r in registrations(event_id)]
    if approve:
        for registration_id in ids:
            ok("approve", str(registration_id))
    return ids


# --- the event itself -------------------------------------------------------------------


def test_create_list_and_show(engine: Engine) -> None:
    event_id = new_event(slots=4, tables=3)
    listed = ok("list").output
    assert "Battery Days" in listed
    assert "open" in listed
    shown = ok("show", str(event_id)).output
    assert "Battery Days (event" in shown
    assert "20 minutes" in shown
    assert "Morning" in shown
    assert "1-4" in shown
    assert "2027-03-10 09:00 CET" in shown
    assert "Table 3" in shown


def test_create_refuses_an_unknown_time_zone(engine: Engine) -> None:
    out = refused("create", "--name", "X", "--venue", "Y", "--timezone", "Mars/Olympus")
    assert "IANA time zone" in out
    assert ok("list").output.startswith("No events yet")


def test_show_of_an_unknown_event_is_a_clean_error(engine: Engine) -> None:
    assert "There is no event with id 999." in refused("show", "999")


def test_session_takes_local_times_and_refuses_overlaps_and_bad_times(engine: Engine) -> None:
    event_id = str(new_event(slots=4, open_it=False))
    added = ok("session", event_id, "--name", "Afternoon", "--start", "2027-03-10T14:00",
               "--slots", "3").output  # fmt: skip
    assert "slots 5-7" in added
    assert "2027-03-10 14:00 CET" in added
    assert "overlap" in refused(
        "session", event_id, "--name", "Late", "--start", "2027-03-10T09:20", "--slots", "1"
    )
    assert "2026-03-29T09:00" in refused(
        "session", event_id, "--name", "Bad", "--start", "tomorrow", "--slots", "1"
    )


def test_tables_by_count_or_by_names(engine: Engine) -> None:
    event_id = str(new_event(tables=0, open_it=False))
    assert "3 tables (6 seats)" in ok("tables", event_id, "--count", "3").output
    assert "2 tables (6 seats)" in ok("tables", event_id, "--names", "Booth A:4, Table 2").output
    with transaction() as session:
        names = [t.name for t in queries.event_detail(session, int(event_id)).tables]
    assert sorted(names) == ["Booth A", "Table 2"]
    assert "either --count or --names" in refused("tables", event_id)
    assert "give seats as a number" in refused("tables", event_id, "--names", "A:four")


def test_open_and_close_registration(engine: Engine) -> None:
    event_id = str(new_event(open_it=False))
    assert "is open" in ok("open", event_id).output
    assert "is closed" in ok("close", event_id).output
    assert "Registration is not open" in refused("close", event_id)


def test_open_needs_a_session(engine: Engine) -> None:
    out = ok("create", "--name", "Empty", "--venue", "-", "--timezone", "UTC").output
    event_id = re.findall(r"\d+", out)[0]
    assert "add at least one session" in refused("open", event_id)


# --- participants and requests ------------------------------------------------------------


def test_register_with_unavailable_slots_numbered_from_one(engine: Engine) -> None:
    event_id = new_event(slots=4)
    (org,) = organisations("Korea Battery Co.")
    out = ok("register", str(event_id), "--organisation", str(org), "--name", "Ji-ho Park",
             "--email", "JIHO@example.org", "--max-meetings", "3",
             "--unavailable", "1,3-4").output  # fmt: skip
    assert "(pending" in out
    (row,) = registrations(event_id)
    assert (row.email, row.max_meetings, row.unavailable) == ("jiho@example.org", 3, (0, 2, 3))
    listed = ok("registrations", str(event_id), "--status", "pending").output
    assert "Ji-ho Park" in listed
    assert "1, 3, 4" in listed
    assert (
        "No registrations match."
        in ok("registrations", str(event_id), "--status", "approved").output
    )


def test_register_refusals(engine: Engine) -> None:
    event_id = str(new_event(slots=4))
    (org,) = organisations("A")
    base = ("register", event_id, "--name", "A", "--email", "a@example.org")
    assert "no organisation with this id" in refused(*base, "--organisation", "999")
    assert "the event has slots 1 to 4" in refused(
        *base, "--organisation", str(org), "--unavailable", "0,5"
    )
    assert "There is no event with id 999." in refused(
        "register", "999", "--organisation", str(org), "--name", "A", "--email", "a@example.org"
    )
    assert registrations(int(event_id)) == []


def test_approve_and_decline(engine: Engine) -> None:
    event_id = new_event()
    first, second = people(event_id, 2, approve=False)
    assert "is approved" in ok("approve", str(first)).output
    assert "is declined" in ok("decline", str(second)).output
    assert "only pending registrations are decided" in refused("approve", str(first))
    assert "There is no registration with id 999." in refused("decline", "999")


def test_requests_accept_and_decline(engine: Engine) -> None:
    event_id = new_event()
    a, b, c = people(event_id, 3)
    assert "(pending)" in ok("request", str(a), str(b), "--priority", "3",
                             "--message", "Cells?").output  # fmt: skip
    ok("request", str(a), str(c))
    assert "mutual, so accepted" in ok("request", str(c), str(a)).output
    listed = ok("requests", str(event_id)).output
    assert "Cells?" in listed
    assert "(mutual)" in listed
    by_pair = {(r.requester_id, r.requested_id): r for r in requests_of(event_id)}
    a_to_b = by_pair[(a, b)]
    assert a_to_b.priority == 3
    assert "is accepted" in ok("accept", str(a_to_b.id)).output
    assert "is declined" in ok("decline-request", str(a_to_b.id)).output
    pending = ok("requests", str(event_id), "--status", "pending").output
    assert "No meeting requests match." in pending
    assert "cannot ask to meet themselves" in refused("request", str(a), str(a))
    assert "Both participants asked" in refused("accept", str(by_pair[(c, a)].id))
    assert "There is no meeting request with id 999." in refused("accept", "999")
    assert "There is no meeting request with id 999." in refused("decline-request", "999")


def test_priority_outside_one_to_three_is_a_usage_error(engine: Engine) -> None:
    event_id = new_event()
    a, b = people(event_id, 2)
    assert "--priority" in refused("request", str(a), str(b), "--priority", "4", code=2)
    assert requests_of(event_id) == []


# --- bulk imports ---------------------------------------------------------------------------


def test_import_registrations_approves_and_reads_slot_lists(engine: Engine, tmp_path: Path) -> None:
    event_id = new_event(slots=4)
    one, two = organisations("Org 1", "Org 2")
    path = write(tmp_path, "people.csv",
                 "organisation_id,name,email,max_meetings,unavailable\n"
                 f"{one},Ana,ana@example.org,2,\"1,2\"\n"
                 f"{two},Bo,bo@example.org,,4\n")  # fmt: skip
    dry = ok("import-registrations", str(event_id), str(path), "--dry-run").output
    assert "Checked 2 registrations" in dry
    assert registrations(event_id) == []
    out = ok("import-registrations", str(event_id), str(path), "--approve").output
    assert "Imported 2 registrations from people.csv (2 approved)" in out
    rows = {r.email: r for r in registrations(event_id)}
    assert rows["ana@example.org"].unavailable == (0, 1)
    assert rows["ana@example.org"].max_meetings == 2
    assert rows["bo@example.org"].unavailable == (3,)
    assert {r.status for r in rows.values()} == {m.RegistrationStatus.APPROVED}


def test_import_registrations_is_all_or_nothing_with_every_problem_located(
    engine: Engine, tmp_path: Path
) -> None:
    event_id = new_event(slots=4)
    (org,) = organisations("Org 1")
    path = write(tmp_path, "people.csv",
                 "organisation_id,name,email,unavailable\n"
                 f"{org},Ana,ana@example.org,\n"
                 "x,Bo,bo@example.org,\n"
                 f"{org},Cy,not-an-address,9\n"
                 f"{org},Ana again,ana@example.org,\n")  # fmt: skip
    out = refused("import-registrations", str(event_id), str(path))
    assert "people.csv, row 3, column organisation_id: must be a whole number (value 'x')" in out
    assert "people.csv, row 4, column unavailable: the event has slots 1 to 4 (value '9')" in out
    assert "people.csv, row 4, column email:" in out
    assert "people.csv, row 5: ana@example.org is already registered" in out
    assert registrations(event_id) == []


def test_import_registrations_names_missing_and_unknown_columns(
    engine: Engine, tmp_path: Path
) -> None:
    event_id = str(new_event())
    path = write(tmp_path, "p.csv", "organisation,name,email\n1,A,a@example.org\n")
    out = refused("import-registrations", event_id, str(path))
    assert "p.csv, row 1, column organisation_id: a required column is missing" in out
    assert "p.csv, row 1, column organisation: unknown column" in out
    assert "file not found" in refused("import-registrations", event_id, str(tmp_path / "no.csv"))


def test_import_requests_accepts_and_counts_mutual_pairs(engine: Engine, tmp_path: Path) -> None:
    event_id = new_event()
    a, b, c = people(event_id, 3)
    path = write(tmp_path, "wishes.csv",
                 "requester_email;requested_email;priority;message\n"
                 "P0@example.org;p1@example.org;3;Cells\n"
                 "p1@example.org;p0@example.org;;\n"
                 "p2@example.org;p0@example.org;1;\n")  # fmt: skip
    out = ok("import-requests", str(event_id), str(path), "--accept").output
    assert "Imported 3 meeting requests from wishes.csv (1 mutual pair, 2 accepted)" in out
    found = {(r.requester_id, r.requested_id): r for r in requests_of(event_id)}
    assert found[(a, b)].priority == 3
    assert found[(a, b)].message == "Cells"
    assert found[(b, a)].priority == 2
    assert {r.status for r in found.values()} == {m.RequestStatus.ACCEPTED}
    assert found[(c, a)].mutual is False


def test_import_requests_is_all_or_nothing(engine: Engine, tmp_path: Path) -> None:
    event_id = new_event()
    people(event_id, 2)
    people_pending = organisations("Late Org")
    ok("register", str(event_id), "--organisation", str(people_pending[0]), "--name", "Late",
       "--email", "late@example.org")  # fmt: skip
    path = write(tmp_path, "wishes.csv",
                 "requester_email,requested_email,priority\n"
                 "p0@example.org,p1@example.org,2\n"
                 "p0@example.org,nobody@example.org,2\n"
                 "p1@example.org,p0@example.org,high\n"
                 "p1@example.org,late@example.org,2\n")  # fmt: skip
    out = refused("import-requests", str(event_id), str(path))
    assert "wishes.csv, row 3, column requested_email: no registration with this e-mail" in out
    assert "wishes.csv, row 4, column priority: must be a whole number (value 'high')" in out
    assert "wishes.csv, row 5: The registration of Late is pending, not approved." in out
    assert requests_of(event_id) == []


# --- schedule, publish, documents, outcomes ------------------------------------------------


def test_schedule_needs_registration_closed(engine: Engine) -> None:
    event_id = new_event()
    assert "Close registration before scheduling" in refused("schedule", str(event_id))


def test_publish_needs_a_schedule(engine: Engine) -> None:
    event_id = new_event()
    assert "There is no new schedule to publish" in refused("publish", str(event_id))


def test_documents_and_outcomes_of_unknown_records(engine: Engine, tmp_path: Path) -> None:
    out = str(tmp_path / "x")
    assert "no registration with id 999" in refused(
        "agenda", "999", "--format", "ics", "--out", out
    )
    assert "no event with id 999" in refused("plan", "999", "--format", "csv", "--out", out)
    assert "'--format'" in refused("plan", "999", "--format", "doc", "--out", out, code=2)
    assert "There is no meeting with id 999." in refused("outcome", "999", "--held")
    assert "no event with id 999" in refused("meetings", "999")
    assert not (tmp_path / "x").exists()


def test_a_tiny_event_from_creation_to_outcomes(engine: Engine, tmp_path: Path) -> None:
    """Create, a session, tables, registrations and requests from files, schedule, publish,
    agendas, the table plan and outcomes, as an organiser would do it."""
    event_id = str(new_event(slots=4, tables=2))
    orgs = organisations("Korea Battery Co.", "Flanders Cells", "Catalan Motors", "Lyon Labs")
    people_csv = write(tmp_path, "people.csv", "organisation_id,name,email,max_meetings,unavailable\n"
                       + "".join(f"{org},P{n},p{n}@example.org,,{'1' if n == 3 else ''}\n"
                                 for n, org in enumerate(orgs)))  # fmt: skip
    ok("import-registrations", event_id, str(people_csv), "--approve")
    wishes = write(tmp_path, "wishes.csv", "requester_email,requested_email,priority,message\n"
                   "p0@example.org,p1@example.org,3,Cells\n"
                   "p1@example.org,p0@example.org,2,\n"
                   "p0@example.org,p2@example.org,2,\n"
                   "p2@example.org,p3@example.org,1,\n"
                   "p3@example.org,p1@example.org,2,\n")  # fmt: skip
    ok("import-requests", event_id, str(wishes), "--accept")
    ok("close", event_id)

    scheduled = ok("schedule", event_id, "--time-limit", "2", "--json")
    result = json.loads(scheduled.stdout)
    assert result["meetings"] == result["requested"] == 4
    assert result["weight"] == result["bound"]
    for key in ("gap", "breaks", "table_changes", "moved"):
        assert key in result
    shown = ok("show", event_id).output
    assert "0 published, 4 draft" in shown
    draft_plan = tmp_path / "draft.csv"
    ok("plan", event_id, "--format", "csv", "--out", str(draft_plan), "--draft")
    assert len(draft_plan.read_text(encoding="utf-8").splitlines()) == 5

    assert "Published 4 meetings (4 new, 0 moved, 0 cancelled)" in ok("publish", event_id).output
    first = registrations(int(event_id))[0].id
    ics = tmp_path / "p0.ics"
    assert "(2 meetings)" in ok("agenda", str(first), "--format", "ics", "--out", str(ics)).output
    calendar = ics.read_text(encoding="utf-8")
    assert calendar.count("BEGIN:VEVENT") == 2
    assert "TZID=Europe/Brussels" in calendar
    pdf = tmp_path / "p0.pdf"
    ok("agenda", str(first), "--format", "pdf", "--out", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    plan_csv = tmp_path / "plan.csv"
    assert "(4 meetings)" in ok("plan", event_id, "--format", "csv", "--out", str(plan_csv)).output
    lines = plan_csv.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "slot,starts_at,ends_at,table,participants"
    assert all("2027-03-10T" in line and "+01:00" in line for line in lines[1:])
    ok("plan", event_id, "--format", "pdf", "--out", str(tmp_path / "plan.pdf"))
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")

    with transaction() as session:
        meeting_ids = [row.id for row in plans.meetings(session, int(event_id))]
    assert str(meeting_ids[0]) in ok("meetings", event_id).output
    held = ok("outcome", str(meeting_ids[0]), "--held", "--outcome", "agreement_signed",
              "--note", "MoU").output  # fmt: skip
    assert "held, agreement signed" in held
    assert "not held" in ok("outcome", str(meeting_ids[1]), "--not-held").output
    assert "has no outcome" in refused(
        "outcome", str(meeting_ids[2]), "--not-held", "--outcome", "follow_up"
    )
    with transaction() as session:
        summary = plans.outcome_summary(session, int(event_id))
    assert summary.by_outcome == {m.MeetingOutcome.AGREEMENT_SIGNED: 1}
    assert summary.by_status[m.MeetingStatus.NOT_HELD] == 1
    assert "outcomes recorded: 2 of 4" in ok("show", event_id).output


@pytest.mark.parametrize("flag", ["--json", None])
def test_schedule_prints_figures_or_json(engine: Engine, flag: str | None) -> None:
    event_id = new_event(slots=3, tables=1)
    a, b, c = people(event_id, 3)
    for pair in ((a, b), (b, c)):
        ok("request", *map(str, pair))
    for request in requests_of(event_id):
        ok("accept", str(request.id))
    ok("close", str(event_id))
    args = ["schedule", str(event_id), "--time-limit", "2", *([flag] if flag else [])]
    result = ok(*args)
    if flag:
        assert json.loads(result.stdout)["meetings"] == 2
    else:
        for label in ("weight", "upper bound on weight", "gap", "breaks", "table changes",
                      "published meetings moved"):  # fmt: skip
            assert label in result.output
        assert "Scheduled 2 of 2 requested meetings" in result.output
    with transaction() as session:
        jobs = session.scalar(select(func.count()).select_from(m.ScheduleJob))
    assert jobs == 1
