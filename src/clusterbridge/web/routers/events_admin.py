"""The organiser's pages of an event: create it, its dashboard and settings; the sessions,
tables, registration and booths (:mod:`.events_admin_setup`); the scheduling job and publishing
(:mod:`.events_admin_schedule`); the table plan and the meetings' outcomes
(:mod:`.events_admin_plan`). Every page needs the ``events.manage`` permission.

The app includes this router before the participants' one, so ``/events/new`` is not read as an
event id.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts.permissions import Principal
from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.events.organising import EventInput, create_event, update_event
from clusterbridge.registry.models import Programme
from clusterbridge.web.auth import PrincipalDep
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import field_errors, text_fields
from clusterbridge.web.routers import events_admin_plan, events_admin_schedule, events_admin_setup
from clusterbridge.web.routers.api_common import Id
from clusterbridge.web.routers.edit import FormDep
from clusterbridge.web.routers.events_admin_page import (
    DONE,
    REGISTRATION_FILTERS,
    SentForm,
    attempt,
    authorize_organiser,
    dashboard,
    manage_url,
    whole_number,
)
from clusterbridge.web.templating import render

router = APIRouter(include_in_schema=False)

SETTINGS = ("name", "description", "venue", "timezone", "slot_minutes", "max_meetings")
NEW_EVENT = (*SETTINGS, "programme_id")
NEW_DEFAULTS = {"timezone": "Europe/Brussels", "slot_minutes": "30"}
Done = Annotated[str | None, Query(max_length=20)]
Shown = Annotated[str, Query(pattern="^(" + "|".join(REGISTRATION_FILTERS) + ")$")]


def _numbers(problems: list[Problem], sent: dict[str, str]) -> tuple[int | None, int | None]:
    """The slot length and meeting limit typed in the form (a bad number: a problem, None)."""
    return (
        whole_number(problems, "slot_minutes", sent["slot_minutes"], required=True),
        whole_number(problems, "max_meetings", sent["max_meetings"]),
    )


def _new_page(
    request: Request,
    session: Session,
    principal: Principal,
    values: dict[str, str] | None = None,
    problems: list[Problem] | None = None,
) -> Response:
    errors, general = field_errors(problems or [])
    programmes = session.execute(select(Programme.id, Programme.name).order_by(Programme.name))
    context = {
        "nav": "events",
        "form": SentForm("new", values or NEW_DEFAULTS, errors=errors, general=general),
        "programmes": [(str(key), name) for key, name in programmes],
        "csrf_token": principal.csrf_token,
    }
    return render(request, "events_admin_new.html", context, status_code=422 if problems else 200)


@router.get("/events/new", response_class=HTMLResponse)
def new_event_form(request: Request, session: SessionDep, principal: PrincipalDep) -> Response:
    authorize_organiser(principal)
    return _new_page(request, session, principal)


@router.post("/events/new", response_class=HTMLResponse)
def create_event_page(
    request: Request, session: SessionDep, principal: PrincipalDep, form: FormDep, _: CsrfDep
) -> Response:
    """Create the event in draft, organised by the one who sends the form."""
    authorize_organiser(principal)
    sent = text_fields(form, NEW_EVENT)
    problems: list[Problem] = []
    slot_minutes, max_meetings = _numbers(problems, sent)
    values = EventInput(
        name=sent["name"],
        timezone=sent["timezone"],
        venue=sent["venue"],
        description=sent["description"],
        slot_minutes=0 if slot_minutes is None else slot_minutes,
        max_meetings=max_meetings,
        programme_id=whole_number(problems, "programme_id", sent["programme_id"]),
        organiser_id=principal.user_id,
    )
    try:
        event = create_event(session, values, actor_id=principal.user_id)
    except InvalidInput as exc:
        problems.extend(exc.problems)
    if problems:
        session.rollback()
        return _new_page(request, session, principal, sent, problems)
    session.commit()
    return RedirectResponse(manage_url(event.id, "created"), status_code=303)


@router.get("/events/{event_id}/manage", response_class=HTMLResponse)
def manage_event(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    done: Done = None,
    registrations: Shown = "all",
) -> Response:
    """The dashboard: settings, sessions, tables, registration, the schedule and its job."""
    authorize_organiser(principal)
    notice = DONE.get(done or "")
    return dashboard(request, session, principal, event_id, registrations, notice=notice)


@router.post("/events/{event_id}/manage", response_class=HTMLResponse)
def save_settings(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    """Save the settings form, seen at its hidden ``version``: if someone saved the event
    meanwhile nothing is overwritten (409, the current settings and the sent values shown)."""
    authorize_organiser(principal)
    sent = text_fields(form, (*SETTINGS, "version"))
    problems: list[Problem] = []
    slot_minutes, max_meetings = _numbers(problems, sent)
    changes: dict[str, object] = {name: sent[name] for name in SETTINGS[:4]}
    if slot_minutes is not None:
        changes["slot_minutes"] = slot_minutes
    if max_meetings is not None or not sent["max_meetings"]:
        changes["max_meetings"] = max_meetings
    version = int(sent["version"]) if sent["version"].isdigit() else 0

    def change() -> None:
        update_event(session, event_id, changes, version, actor_id=principal.user_id)

    form_state = SentForm("settings", sent)
    return attempt(request, session, principal, event_id, form_state, problems, change, "settings")


router.include_router(events_admin_setup.router)
router.include_router(events_admin_schedule.router)
router.include_router(events_admin_plan.router)
