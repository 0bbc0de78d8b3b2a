"""The dashboard's forms that set an event up: add a session, set the tables, open or close
registration, decide a registration and give a participant a booth. Each calls one operation
of :mod:`clusterbridge.events` and returns to the dashboard (or shows it with the problems)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts.permissions import Principal
from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.events import queries
from clusterbridge.events.organising import (
    TableSpec,
    add_session,
    close_registration,
    open_registration,
    set_tables,
)
from clusterbridge.events.registrations import decide_registration, set_booth
from clusterbridge.web.auth import PrincipalDep
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import text_fields
from clusterbridge.web.routers.api_common import Id
from clusterbridge.web.routers.edit import FormDep
from clusterbridge.web.routers.events_admin_page import (
    SentForm,
    attempt,
    authorize_organiser,
    whole_number,
)

router = APIRouter(include_in_schema=False)


def _starts_at(problems: list[Problem], text: str) -> datetime | None:
    """A date and time typed as ``2026-03-29T09:00`` (the venue's clock), or a problem."""
    if not text:
        problems.append(Problem("a value is required", column="starts_at"))
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        problems.append(
            Problem("give a date and time such as 2026-03-29 09:00", column="starts_at", value=text)
        )
        return None


@router.post("/events/{event_id}/sessions", response_class=HTMLResponse)
def add_event_session(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    """Add a block of consecutive slots; the time is the venue's local time."""
    authorize_organiser(principal)
    sent = text_fields(form, ("name", "starts_at", "slots"))
    problems: list[Problem] = []
    starts_at = _starts_at(problems, sent["starts_at"])
    slots = whole_number(problems, "slots", sent["slots"], required=True)

    def change() -> None:
        if starts_at is not None and slots is not None:
            add_session(
                session, event_id, sent["name"], starts_at, slots, actor_id=principal.user_id
            )

    form_state = SentForm("session", sent)
    return attempt(request, session, principal, event_id, form_state, problems, change, "session")


def table_specs(text: str) -> list[TableSpec]:
    """Named tables, one a line: ``Name`` (two seats) or ``Name; seats``. Problems name the
    line (field ``names``)."""
    problems: list[Problem] = []
    specs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _, seats = line.rpartition(";") if ";" in line else (line, "", "2")
        seats = seats.strip()
        if not seats.isdigit() or len(seats) > 4:
            reason = f"line {number}: the seats after ';' must be a whole number"
            problems.append(Problem(reason, column="names", value=seats))
            continue
        specs.append(TableSpec(name.strip(), int(seats)))
    if problems:
        raise InvalidInput(problems)
    return specs


def _on_names(problem: Problem) -> Problem:
    """The operation's problem about the n-th named table, at the form's ``names`` field."""
    if problem.column in ("name", "capacity") or problem.row is not None:
        where = f"table {problem.row}: " if problem.row is not None else ""
        return Problem(where + problem.reason, column="names", value=problem.value)
    return problem


@router.post("/events/{event_id}/tables", response_class=HTMLResponse)
def set_event_tables(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    """Set the tables: named ones (one a line) when the names field is filled, else a count."""
    authorize_organiser(principal)
    sent = text_fields(form, ("count", "names"))
    problems: list[Problem] = []
    count = None if sent["names"] else whole_number(problems, "count", sent["count"], True)

    def change() -> None:
        tables: int | list[TableSpec]
        if sent["names"]:
            tables = table_specs(sent["names"])
        elif count is None:
            return
        else:
            tables = count
        try:
            set_tables(session, event_id, tables, actor_id=principal.user_id)
        except InvalidInput as exc:
            raise InvalidInput([_on_names(p) for p in exc.problems]) from None

    form_state = SentForm("tables", sent)
    return attempt(request, session, principal, event_id, form_state, problems, change, "tables")


@router.post("/events/{event_id}/status", response_class=HTMLResponse)
def change_status(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    """Open (``action=open``) or close (``action=close``) registration."""
    authorize_organiser(principal)
    sent = text_fields(form, ("action",))
    actions = {"open": (open_registration, "opened"), "close": (close_registration, "closed")}
    chosen = actions.get(sent["action"])
    problems = [] if chosen else [Problem("choose to open or to close registration")]
    operation, done = chosen or (open_registration, "")

    def change() -> None:
        if chosen:
            operation(session, event_id, actor_id=principal.user_id)

    form_state = SentForm("status", sent)
    return attempt(request, session, principal, event_id, form_state, problems, change, done)


def _registration_form(
    session: Session, principal: Principal, event_id: int, registration_id: int
) -> None:
    """Organisers only, and 404 unless the registration belongs to the event in the address."""
    authorize_organiser(principal)
    queries.require_registration_of(session, registration_id, event_id)


@router.post(
    "/events/{event_id}/registrations/{registration_id}/decide", response_class=HTMLResponse
)
def decide(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    registration_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    """Approve (``decision=approve``) or decline (``decision=decline``) a pending registration."""
    _registration_form(session, principal, event_id, registration_id)
    sent = text_fields(form, ("decision",))
    approve = sent["decision"] == "approve"
    problems = []
    if sent["decision"] not in ("approve", "decline"):
        problems.append(Problem("choose to approve or to decline"))

    def change() -> None:
        if not problems:
            decide_registration(session, registration_id, approve, actor_id=principal.user_id)

    form_state = SentForm("decide", sent, registration_id)
    done = "approved" if approve else "declined"
    return attempt(request, session, principal, event_id, form_state, problems, change, done)


@router.post(
    "/events/{event_id}/registrations/{registration_id}/booth", response_class=HTMLResponse
)
def change_booth(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    registration_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    """Give the participant the table named in ``table`` as a booth (empty: no booth)."""
    _registration_form(session, principal, event_id, registration_id)
    sent = text_fields(form, ("table",))
    tables = {t.name.casefold(): t.id for t in queries.event_detail(session, event_id).tables}
    table_id = tables.get(sent["table"].casefold()) if sent["table"] else None
    problems = []
    if sent["table"] and table_id is None:
        problems.append(Problem("no table has this name", column="table", value=sent["table"]))

    def change() -> None:
        if not problems:
            set_booth(session, registration_id, table_id, actor_id=principal.user_id)

    form_state = SentForm("booth", sent, registration_id)
    return attempt(request, session, principal, event_id, form_state, problems, change, "booth")
