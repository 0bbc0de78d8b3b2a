"""A participant's published agenda (page, PDF, iCalendar) and the outcome of each meeting.

The agenda shows only the published schedule: a schedule the organiser computed but did not
publish yet may still change, so before publishing the page says so instead. Outcomes are
recorded by either side of a meeting, or by an organiser (whose outcomes page posts here too).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts.permissions import Principal
from clusterbridge.core.errors import Conflict, InvalidInput, NotFound, Problem
from clusterbridge.events import queries
from clusterbridge.events.agenda_ics import agenda_ics
from clusterbridge.events.agenda_pdf import agenda_pdf
from clusterbridge.events.common import get_record, get_registration
from clusterbridge.events.models import Event, Meeting, MeetingOutcome
from clusterbridge.events.outcomes import record_outcome
from clusterbridge.web.auth import PrincipalDep
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.errors import error_response
from clusterbridge.web.forms import field_errors, text_fields
from clusterbridge.web.routers.api_common import Id
from clusterbridge.web.routers.edit import FormDep
from clusterbridge.web.routers.events_access import (
    MyRegistration,
    acting_registrations,
    authorize_registration,
    may_act_for,
    may_manage,
    refuse,
    require_sign_in,
    visible_event,
)
from clusterbridge.web.routers.events_view import LABELS, day_text, time_text
from clusterbridge.web.templating import label, render

router = APIRouter(include_in_schema=False)

Done = Annotated[str | None, Query(max_length=20)]
NOT_PUBLISHED = (
    "The schedule of this event is not published yet. Your agenda will be here (and as PDF and "
    "calendar files) once the organiser publishes it."
)
OUTCOMES = [("", "Not said")] + [(o.value, label(o)) for o in MeetingOutcome]
HELD = {"yes": True, "no": False}


def agenda_page(
    request: Request,
    session: Session,
    principal: Principal,
    event_id: int,
    status: int = 200,
    **extra: Any,
) -> Response:
    """Each approved registration's published meetings, with an outcome form for each."""
    event = visible_event(session, principal, event_id)
    mine = acting_registrations(session, principal, event_id)
    published = event.published_at is not None
    rows = queries.meetings(session, event_id) if published and mine else []
    context = {
        "nav": "events",
        **LABELS,
        "event": event,
        "published": published,
        "not_published": NOT_PUBLISHED,
        "sections": [(r, _meetings_of(r, rows, event.timezone)) for r in mine],
        "outcomes": OUTCOMES,
        "csrf_token": principal.csrf_token,
        "failed": None,
        **extra,
    }
    return render(request, "events_agenda.html", context, status_code=status)


def _meetings_of(
    registration: MyRegistration, rows: list[queries.MeetingRow], timezone: str
) -> list[dict[str, Any]]:
    """The registration's meetings as the page lists them: when, where, with whom."""
    found = []
    for row in rows:
        if registration.id not in (row.requester_id, row.requested_id):
            continue
        counterpart = row.requested if row.requester_id == registration.id else row.requester
        found.append(
            {
                "row": row,
                "day": day_text(row.starts_at),
                "times": time_text(row.starts_at, row.ends_at, timezone),
                "counterpart": counterpart,
            }
        )
    return found


@router.get("/events/{event_id}/agenda", response_class=HTMLResponse)
def agenda(
    request: Request, session: SessionDep, principal: PrincipalDep, event_id: Id, done: Done = None
) -> Response:
    require_sign_in(principal)
    notice = "The outcome was recorded. Thank you." if done == "outcome" else None
    return agenda_page(request, session, principal, event_id, notice=notice)


def _published_agenda(
    session: Session, principal: Principal, event_id: int, registration_id: int
) -> tuple[Event, Any]:
    """The event and the registration's agenda, for those who act for it or organise events."""
    require_sign_in(principal)
    event = visible_event(session, principal, event_id)
    queries.require_registration_of(session, registration_id, event_id)
    authorize_registration(
        session, principal, get_registration(session, registration_id), organisers=True
    )
    return event, queries.agenda(session, registration_id)


@router.get("/events/{event_id}/registrations/{registration_id}/agenda.pdf")
def agenda_as_pdf(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    registration_id: Id,
) -> Response:
    event, found = _published_agenda(session, principal, event_id, registration_id)
    if event.published_at is None:
        return error_response(request, 409, NOT_PUBLISHED)
    return _attachment(agenda_pdf(found), "application/pdf", event_id, registration_id, "pdf")


@router.get("/events/{event_id}/registrations/{registration_id}/agenda.ics")
def agenda_as_calendar(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    registration_id: Id,
) -> Response:
    event, found = _published_agenda(session, principal, event_id, registration_id)
    if event.published_at is None:
        return error_response(request, 409, NOT_PUBLISHED)
    media = "text/calendar; charset=utf-8"
    return _attachment(agenda_ics(found), media, event_id, registration_id, "ics")


def _attachment(
    content: bytes, media_type: str, event_id: int, registration_id: int, extension: str
) -> Response:
    name = f"agenda-event{event_id}-registration{registration_id}.{extension}"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=media_type, headers=disposition)


@router.post("/events/{event_id}/meetings/{meeting_id}/outcome", response_class=HTMLResponse)
def outcome(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    meeting_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    """Whether a published meeting was held and what came of it; ``back`` (a page of this
    event, such as the organiser's outcomes page) is where to go afterwards."""
    require_sign_in(principal)
    visible_event(session, principal, event_id)
    meeting = get_record(session, Meeting, meeting_id, "meeting")
    if meeting.event_id != event_id:
        raise NotFound(f"There is no meeting with id {meeting_id} at this event.")
    _authorize_either_side(session, principal, meeting)
    sent = text_fields(form, ("held", "outcome", "note", "back"))
    back = _back(sent["back"], event_id)
    try:
        held, result = _parse_outcome(sent)
        record_outcome(session, meeting_id, held, result, sent["note"], actor_id=principal.user_id)
        session.commit()
    except (InvalidInput, Conflict) as exc:
        session.rollback()
        return _outcome_failed(request, session, principal, event_id, meeting_id, sent, back, exc)
    if back:
        return RedirectResponse(back, status_code=303)
    target = f"/events/{event_id}/agenda?done=outcome#meeting-{meeting_id}"
    return RedirectResponse(target, status_code=303)


def _authorize_either_side(session: Session, principal: Principal, meeting: Meeting) -> None:
    if may_manage(principal):
        return
    for registration_id in (meeting.requester_id, meeting.requested_id):
        side = get_registration(session, registration_id)
        if may_act_for(session, principal, side.organisation_id):
            return
    raise refuse("only the participants of this meeting and the organisers record its outcome")


def _parse_outcome(sent: dict[str, str]) -> tuple[bool, MeetingOutcome | None]:
    problems = []
    held = HELD.get(sent["held"])
    if held is None:
        problems.append(Problem("say whether the meeting took place", column="held"))
    result = None
    if sent["outcome"]:
        try:
            result = MeetingOutcome(sent["outcome"])
        except ValueError:
            problems.append(
                Problem(
                    "choose an outcome from the list", column="outcome", value=sent["outcome"][:40]
                )
            )
    if problems:
        raise InvalidInput(problems)
    return bool(held), result


def _back(raw: str, event_id: int) -> str | None:
    """A page of this event to return to; anything else (another site) is ignored."""
    prefix = f"/events/{event_id}/"
    if raw.startswith(prefix) and "//" not in raw and "\\" not in raw:
        return raw
    return None


def _outcome_failed(
    request: Request,
    session: Session,
    principal: Principal,
    event_id: int,
    meeting_id: int,
    sent: dict[str, str],
    back: str | None,
    error: InvalidInput | Conflict,
) -> Response:
    """The agenda again with the problem at the meeting's form; from another page (the
    organiser's), a page that says what was wrong and links back."""
    status = 422 if isinstance(error, InvalidInput) else 409
    problems = error.problems if isinstance(error, InvalidInput) else [Problem(str(error))]
    if back and not back.startswith(f"/events/{event_id}/agenda"):
        reasons = "; ".join(p.reason for p in problems)
        return error_response(request, status, f"Nothing was saved: {reasons}. Go back: {back}")
    errors, general = field_errors(problems)
    failed = {"meeting_id": meeting_id, "values": sent, "errors": errors, "general": general}
    return agenda_page(request, session, principal, event_id, status, failed=failed)
