"""The participants' side of matchmaking events: the list of events, an event's page and the
registration form. Browsing participants and meeting requests are in :mod:`events_requests`,
agendas and meeting outcomes in :mod:`events_agenda`; this router includes both, so the app
mounts one router for the participants' pages.

Pages check who may do what with :mod:`events_access` (``PARTICIPATE_EVENT`` on the
organisation a registration is for) and call one query or operation of
:mod:`clusterbridge.events`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.responses import Response

from clusterbridge.accounts.models import User
from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.accounts.scopes import organisation_target
from clusterbridge.core.errors import Conflict, InvalidInput, Problem
from clusterbridge.events import queries
from clusterbridge.events.models import EventStatus, RegistrationStatus
from clusterbridge.events.registrations import RegistrationInput, register
from clusterbridge.registry.models import Organisation
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import field_errors, text_fields
from clusterbridge.web.routers import events_agenda, events_requests
from clusterbridge.web.routers.api_common import Id, text_query
from clusterbridge.web.routers.edit import FormDep
from clusterbridge.web.routers.events_access import (
    acting_organisations,
    may_manage,
    my_registrations,
    refuse,
    require_sign_in,
    visible_event,
)
from clusterbridge.web.routers.events_view import LABELS, event_span, session_slots, span_text
from clusterbridge.web.templating import render

router = APIRouter(include_in_schema=False)
router.include_router(events_requests.router)
router.include_router(events_agenda.router)

Done = Annotated[str | None, Query(max_length=20)]
Search = Annotated[str | None, text_query(200)]
DONE = {
    "registered": "You are registered. The organiser will approve the registration; until then "
    "it is pending, and you can browse participants and send requests once it is approved.",
}
LISTED = (EventStatus.OPEN, EventStatus.CLOSED, EventStatus.SCHEDULED, EventStatus.PUBLISHED)
"""Every event but drafts, which only organisers see."""
FIELD_LABELS = {
    "organisation_id": "Organisation",
    "name": "Name",
    "email": "E-mail address",
    "offer": "What you offer",
    "looking_for": "What you are looking for",
    "max_meetings": "Most meetings",
    "unavailable": "Times you are not available",
}
FIELDS = ("organisation_id", "name", "email", "offer", "looking_for", "max_meetings", "q")


@router.get("/events", response_class=HTMLResponse)
def event_list(request: Request, session: SessionDep, principal: PrincipalDep) -> Response:
    """Events anyone may look at; organisers also see their drafts."""
    shown = LISTED + ((EventStatus.DRAFT,) if may_manage(principal) else ())
    events = [e for e in queries.list_events(session) if e.status in shown]
    registered = (
        queries.registrations_of_user(session, principal.user_id) if principal.user_id else {}
    )
    context = {
        "nav": "events",
        **LABELS,
        "events": events,
        "registered": registered,
        "span_text": span_text,
        "may_manage": may_manage(principal),
    }
    return render(request, "events_list.html", context)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(
    request: Request, session: SessionDep, principal: PrincipalDep, event_id: Id, done: Done = None
) -> Response:
    """What the event is, when and where, and what the signed-in user can do there."""
    visible_event(session, principal, event_id)
    event = queries.event_detail(session, event_id)
    mine = my_registrations(session, principal, event_id)
    live = [r for r in mine if r.status is not RegistrationStatus.DECLINED]
    may_register = event.status is EventStatus.OPEN and (
        may_manage(principal) or bool(acting_organisations(session, principal))
    )
    context = {
        "nav": "events",
        **LABELS,
        "event": event,
        "when": event_span(event),
        "sessions": session_slots(event),
        "participants": event.registrations.get(RegistrationStatus.APPROVED, 0),
        "mine": mine,
        "may_register": may_register,
        "may_browse": bool(live) or may_manage(principal),
        "has_registration": bool(live),
        "may_manage": may_manage(principal),
        "signed_in": principal.signed_in,
        "notice": DONE.get(done or ""),
    }
    return render(request, "events_event.html", context)


def _register_page(
    request: Request,
    session: Session,
    principal: Principal,
    event_id: int,
    values: Mapping[str, Any] | None = None,
    problems: Collection[Problem] = (),
    status: int = 200,
    **extra: Any,
) -> Response:
    """The registration form, with the sent values and each problem at its field."""
    visible_event(session, principal, event_id)
    event = queries.event_detail(session, event_id)
    search = (values or {}).get("q") or None
    choices = acting_organisations(session, principal, search)
    if not choices and not may_manage(principal):
        raise refuse("you represent no organisation that could take part")
    errors, general = field_errors(problems)
    context = {
        "nav": "events",
        **LABELS,
        "event": event,
        "when": event_span(event),
        "sessions": session_slots(event),
        "choices": choices,
        "may_search": may_manage(principal),
        "field_labels": FIELD_LABELS,
        "values": values or _defaults(session, principal, choices),
        "errors": errors,
        "general": general,
        "csrf_token": principal.csrf_token,
        **extra,
    }
    return render(request, "events_register.html", context, status_code=status)


def _defaults(session: Session, principal: Principal, choices: list[Any]) -> dict[str, Any]:
    """A new form: the user's own name and address, their first organisation."""
    user = session.get(User, principal.user_id)
    return {
        "organisation_id": str(choices[0].id) if len(choices) == 1 else "",
        "name": user.name if user else "",
        "email": user.email if user else "",
        "unavailable": [],
    }


@router.get("/events/{event_id}/register", response_class=HTMLResponse)
def register_form(
    request: Request, session: SessionDep, principal: PrincipalDep, event_id: Id, q: Search = None
) -> Response:
    require_sign_in(principal)
    values = None
    if q:
        values = {**_defaults(session, principal, []), "q": q}
    return _register_page(request, session, principal, event_id, values)


@router.post("/events/{event_id}/register", response_class=HTMLResponse)
def register_send(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    require_sign_in(principal)
    visible_event(session, principal, event_id)
    sent, values, problems = _registration_form(session, principal, form)
    try:
        if values is not None:
            register(session, event_id, values, actor_id=principal.user_id)
    except InvalidInput as exc:
        problems.extend(exc.problems)
    except Conflict as exc:
        session.rollback()
        return _register_page(
            request, session, principal, event_id, sent, status=409, conflict=str(exc)
        )
    if problems:
        session.rollback()
        return _register_page(request, session, principal, event_id, sent, problems, 422)
    session.commit()
    return RedirectResponse(f"/events/{event_id}?done=registered", status_code=303)


def _registration_form(
    session: Session, principal: Principal, form: FormData
) -> tuple[dict[str, Any], RegistrationInput | None, list[Problem]]:
    """The sent values (to show again), the registration they describe (None without an
    organisation) and the problems found before the operation checks the rest."""
    sent: dict[str, Any] = text_fields(form, FIELDS)
    problems: list[Problem] = []
    organisation_id = _organisation(session, principal, sent["organisation_id"], problems)
    max_meetings = _whole_number(sent["max_meetings"], "max_meetings", problems)
    sent["unavailable"] = _slots(form, problems)
    if organisation_id is None:
        return sent, None, problems
    values = RegistrationInput(
        organisation_id=organisation_id,
        name=sent["name"],
        email=sent["email"],
        user_id=principal.user_id,
        offer=sent["offer"],
        looking_for=sent["looking_for"],
        max_meetings=max_meetings,
        unavailable=sent["unavailable"],
    )
    return sent, values, problems


def _organisation(
    session: Session, principal: Principal, raw: str, problems: list[Problem]
) -> int | None:
    """The chosen organisation, once the principal is known to act for it (403 if not)."""
    if not raw.isdigit() or session.get(Organisation, int(raw)) is None:
        problems.append(Problem("choose the organisation you represent", column="organisation_id"))
        return None
    authorize(principal, Action.PARTICIPATE_EVENT, organisation_target(session, int(raw)))
    return int(raw)


def _whole_number(raw: str, field: str, problems: list[Problem]) -> int | None:
    if not raw:
        return None
    if raw.isdigit() and len(raw) <= 6:
        return int(raw)
    problems.append(
        Problem("give a whole number such as 8, or leave it empty", column=field, value=raw[:20])
    )
    return None


def _slots(form: FormData, problems: list[Problem]) -> list[int]:
    """The ticked "unavailable" slots; the operation checks they exist."""
    slots = []
    for raw in form.getlist("unavailable"):
        text = raw if isinstance(raw, str) else ""
        if text.isdigit() and len(text) <= 6:
            slots.append(int(text))
        else:
            problems.append(
                Problem("not a slot of this event", column="unavailable", value=text[:20])
            )
    return slots
