"""Browsing an event's participants and the meeting requests between them: send one (with a
priority and a message), answer those received, withdraw those sent.

Each write acts through one registration: the requester's for sending and cancelling, the
requested participant's for answering, and needs ``PARTICIPATE_EVENT`` on its organisation.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts.permissions import Principal
from clusterbridge.core.errors import Conflict, InvalidInput, NotFound, Problem
from clusterbridge.events import queries
from clusterbridge.events.common import get_registration, get_request
from clusterbridge.events.models import MeetingRequest, RequestStatus
from clusterbridge.events.requests import REQUESTING, cancel_request, respond_request, send_request
from clusterbridge.web.auth import PrincipalDep
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import field_errors, text_fields
from clusterbridge.web.routers.api_common import Id, text_query
from clusterbridge.web.routers.edit import FormDep
from clusterbridge.web.routers.events_access import (
    MyRegistration,
    acting_registrations,
    authorize_registration,
    require_sign_in,
    visible_event,
)
from clusterbridge.web.routers.events_view import LABELS
from clusterbridge.web.templating import query_url, render

router = APIRouter(include_in_schema=False)

PER_PAGE = 50
Search = Annotated[str | None, text_query(200)]
PageNumber = Annotated[int, Query(ge=1, le=100_000)]
Done = Annotated[str | None, Query(max_length=20)]
SENT = "Your request was sent. You will see the answer under My requests."
DONE = {
    "accepted": "You accepted the request; the meeting will be in the schedule if it fits.",
    "declined": "You declined the request.",
    "cancelled": "Your request was withdrawn.",
}


def participants_page(
    request: Request,
    session: Session,
    principal: Principal,
    event_id: int,
    q: str | None = None,
    page: int = 1,
    status: int = 200,
    **extra: Any,
) -> Response:
    """Approved participants matching ``q``, a request form next to each one the principal may
    ask to meet; ``extra`` carries a failed form's values and problems."""
    visible_event(session, principal, event_id)
    mine = acting_registrations(session, principal, event_id)
    event = queries.event_detail(session, event_id)
    acting = [r for r in mine if r.approved]
    found = queries.participants(session, event_id, q)
    pages = max(1, -(-len(found) // PER_PAGE))
    shown = found[(page - 1) * PER_PAGE : page * PER_PAGE]
    context = {
        "nav": "events",
        **LABELS,
        "event": event,
        "q": q or "",
        "page": page,
        "pages": pages,
        "total": len(found),
        "rows": shown,
        "mine": mine,
        "acting": acting,
        "own_organisations": {r.organisation_id for r in mine},
        "asked": _asked(session, acting),
        "may_request": event.status in REQUESTING and bool(acting),
        "requests_closed": event.status not in REQUESTING,
        "params": {"q": q} if q else {},
        "query_url": query_url,
        "csrf_token": principal.csrf_token,
        "failed": None,
        **extra,
    }
    return render(request, "events_participants.html", context, status_code=status)


def _asked(session: Session, acting: list[MyRegistration]) -> dict[int, list[str]]:
    """What the principal's registrations already asked each participant: id -> statuses."""
    asked: dict[int, list[str]] = {}
    for registration in acting:
        for row in queries.requests_for(session, registration.id).sent:
            if row.status is RequestStatus.CANCELLED:
                continue  # a withdrawn request can be sent again
            asked.setdefault(row.counterpart_id, []).append(row.status.value)
    return asked


@router.get("/events/{event_id}/participants", response_class=HTMLResponse)
def participants(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    q: Search = None,
    page: PageNumber = 1,
    done: Done = None,
) -> Response:
    require_sign_in(principal)
    notice = SENT if done == "sent" else None
    return participants_page(request, session, principal, event_id, q, page, notice=notice)


@router.post("/events/{event_id}/requests", response_class=HTMLResponse)
def send(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    """Send a request from one of the principal's registrations to another participant."""
    require_sign_in(principal)
    visible_event(session, principal, event_id)
    sent = text_fields(form, ("requester_id", "requested_id", "priority", "message", "q", "page"))
    requester_id = _id(sent["requester_id"], "registration")
    requested_id = _id(sent["requested_id"], "registration")
    queries.require_registration_of(session, requester_id, event_id)
    authorize_registration(session, principal, get_registration(session, requester_id))
    q, page = sent["q"] or None, int(sent["page"]) if sent["page"].isdigit() else 1
    try:
        send_request(
            session,
            requester_id,
            requested_id,
            priority=_priority(sent["priority"]),
            message=sent["message"],
            actor_id=principal.user_id,
        )
        session.commit()
    except (InvalidInput, Conflict) as exc:
        session.rollback()
        return _send_failed(request, session, principal, event_id, sent, exc, q, page)
    back = query_url(f"/events/{event_id}/participants", {"q": q, "page": page}, done="sent")
    return RedirectResponse(f"{back}#participant-{requested_id}", status_code=303)


def _send_failed(
    request: Request,
    session: Session,
    principal: Principal,
    event_id: int,
    sent: dict[str, str],
    error: InvalidInput | Conflict,
    q: str | None,
    page: int,
) -> Response:
    """The participants page again, the problem next to the form that was sent."""
    problems: Collection[Problem] = (
        error.problems if isinstance(error, InvalidInput) else [Problem(str(error))]
    )
    errors, general = field_errors(problems)
    failed = {"values": sent, "errors": errors, "general": general}
    status = 422 if isinstance(error, InvalidInput) else 409
    return participants_page(
        request, session, principal, event_id, q, page, status=status, failed=failed
    )


def _id(raw: str, noun: str) -> int:
    """A record id sent by a form; a form that names no record is answered like a wrong URL."""
    if not raw.isdigit() or len(raw) > 10:
        raise NotFound(f"There is no {noun} with id {raw[:20]!r}.")
    return int(raw)


def _priority(raw: str) -> int:
    if raw in ("1", "2", "3"):
        return int(raw)
    problem = Problem("choose a priority from 1 to 3", column="priority", value=raw[:20])
    raise InvalidInput([problem])


@router.get("/events/{event_id}/requests", response_class=HTMLResponse)
def my_requests(
    request: Request, session: SessionDep, principal: PrincipalDep, event_id: Id, done: Done = None
) -> Response:
    require_sign_in(principal)
    return requests_page(request, session, principal, event_id, notice=DONE.get(done or ""))


def requests_page(
    request: Request,
    session: Session,
    principal: Principal,
    event_id: int,
    status: int = 200,
    **extra: Any,
) -> Response:
    """The requests each of the principal's registrations sent and received."""
    visible_event(session, principal, event_id)
    mine = acting_registrations(session, principal, event_id)
    event = queries.event_detail(session, event_id)
    context = {
        "nav": "events",
        **LABELS,
        "event": event,
        "sections": [(r, queries.requests_for(session, r.id)) for r in mine],
        "may_accept": event.status in REQUESTING,
        "csrf_token": principal.csrf_token,
        **extra,
    }
    return render(request, "events_requests.html", context, status_code=status)


def _request_of(session: Session, event_id: int, request_id: int) -> MeetingRequest:
    meeting_request = get_request(session, request_id)
    if meeting_request.event_id != event_id:
        raise NotFound(f"There is no meeting request with id {request_id} at this event.")
    return meeting_request


@router.post("/events/{event_id}/requests/{request_id}/respond", response_class=HTMLResponse)
def respond(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    request_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    """The requested participant accepts or declines."""
    require_sign_in(principal)
    visible_event(session, principal, event_id)
    meeting_request = _request_of(session, event_id, request_id)
    requested = get_registration(session, meeting_request.requested_id)
    authorize_registration(session, principal, requested)
    answer = text_fields(form, ("answer",))["answer"]
    if answer not in ("accept", "decline"):
        return requests_page(
            request, session, principal, event_id, 422, problem="Choose Accept or Decline."
        )
    try:
        respond_request(
            session,
            request_id,
            answer == "accept",
            responder_id=requested.id,
            actor_id=principal.user_id,
        )
        session.commit()
    except Conflict as exc:
        session.rollback()
        return requests_page(request, session, principal, event_id, 409, problem=str(exc))
    done = "accepted" if answer == "accept" else "declined"
    return RedirectResponse(f"/events/{event_id}/requests?done={done}", status_code=303)


@router.post("/events/{event_id}/requests/{request_id}/cancel", response_class=HTMLResponse)
def cancel(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    request_id: Id,
    _: CsrfDep,
) -> Response:
    """The requester withdraws a request (and its meeting, if one was scheduled)."""
    require_sign_in(principal)
    visible_event(session, principal, event_id)
    meeting_request = _request_of(session, event_id, request_id)
    requester = get_registration(session, meeting_request.requester_id)
    authorize_registration(session, principal, requester)
    try:
        cancel_request(session, request_id, requester_id=requester.id, actor_id=principal.user_id)
        session.commit()
    except Conflict as exc:
        session.rollback()
        return requests_page(request, session, principal, event_id, 409, problem=str(exc))
    return RedirectResponse(f"/events/{event_id}/requests?done=cancelled", status_code=303)
