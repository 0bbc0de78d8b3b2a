"""Meeting requests between approved participants: send, answer, cancel.

A request from B to A while A asked to meet B makes both *mutual*: both are accepted at once
(each side asked for the meeting) and the optimiser weighs the pair above one-sided requests.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.accounts.errors import NotAllowed
from clusterbridge.core.errors import Conflict, Problem
from clusterbridge.core.models import utcnow
from clusterbridge.events.common import (
    MAX_MESSAGE,
    cancel_meetings,
    check_count,
    clean_text,
    get_event,
    get_record,
    get_request,
    invalid,
    raise_problems,
    record,
)
from clusterbridge.events.models import (
    EventStatus,
    MeetingRequest,
    Registration,
    RegistrationStatus,
    RequestStatus,
)

ENTITY = "meeting_request"
REQUESTING = (EventStatus.OPEN, EventStatus.CLOSED)
"""Requests are sent and accepted while registration is open or closed, before scheduling."""


def send_request(
    session: Session,
    requester_id: int,
    requested_id: int,
    *,
    priority: int = 2,
    message: str | None = None,
    actor_id: int | None,
) -> MeetingRequest:
    """Ask to meet another approved participant of the same event (priority 1 low .. 3 high).
    A cancelled request is sent again; the reverse request, if pending or accepted, makes the
    pair mutual and both accepted."""
    if requester_id == requested_id:
        raise invalid("requested_id", "a participant cannot ask to meet themselves")
    requester, requested = _both(session, requester_id, requested_id)
    problems: list[Problem] = []
    check_count(problems, "priority", priority, 1, 3)
    text = clean_text(problems, "message", message, MAX_MESSAGE)
    raise_problems(problems)
    _check_pair(session, requester, requested)
    existing = session.scalar(
        select(MeetingRequest).where(
            MeetingRequest.requester_id == requester_id,
            MeetingRequest.requested_id == requested_id,
        )
    )
    if existing is not None and existing.status is not RequestStatus.CANCELLED:
        raise Conflict(
            f"{requester.name} already asked to meet {requested.name} "
            f"(the request is {existing.status.value})."
        )
    request = existing or MeetingRequest(
        event_id=requester.event_id, requester_id=requester_id, requested_id=requested_id
    )
    request.priority, request.message = priority, text
    request.status, request.mutual, request.responded_at = RequestStatus.PENDING, False, None
    session.add(request)
    session.flush()
    after = {"requester_id": requester_id, "requested_id": requested_id, "priority": priority}
    record(session, actor_id, "request.sent", ENTITY, request.id, after=after)
    _match_reverse(session, request, actor_id)
    return request


def _both(session: Session, first: int, second: int) -> tuple[Registration, Registration]:
    """Both registrations, locked in id order so two people asking each other at the same
    moment are serialised (and the second finds the first's request)."""
    found = {
        r.id: r
        for r in session.scalars(
            select(Registration)
            .where(Registration.id.in_((first, second)))
            .order_by(Registration.id)
            .with_for_update()
        )
    }
    for registration_id in (first, second):
        if registration_id not in found:
            get_record(session, Registration, registration_id, "registration")
    return found[first], found[second]


def _check_pair(session: Session, requester: Registration, requested: Registration) -> None:
    if requester.event_id != requested.event_id:
        raise invalid("requested_id", "both participants must be registered for the same event")
    if requester.organisation_id == requested.organisation_id:
        raise invalid("requested_id", "participants of the same organisation do not need a meeting")
    event = get_event(session, requester.event_id)
    if event.status not in REQUESTING:
        raise Conflict(
            "Meeting requests are sent while the event is open or closed for registration; "
            f"{event.name!r} is {event.status.value}."
        )
    for person in (requester, requested):
        if person.status is not RegistrationStatus.APPROVED:
            raise Conflict(
                f"The registration of {person.name} is {person.status.value}, not approved."
            )


def _match_reverse(session: Session, request: MeetingRequest, actor_id: int | None) -> None:
    reverse = session.scalar(
        select(MeetingRequest).where(
            MeetingRequest.requester_id == request.requested_id,
            MeetingRequest.requested_id == request.requester_id,
            MeetingRequest.status.in_((RequestStatus.PENDING, RequestStatus.ACCEPTED)),
        )
    )
    if reverse is None:
        return
    now = utcnow()
    for one in (request, reverse):
        one.status, one.mutual, one.responded_at = RequestStatus.ACCEPTED, True, now
    session.flush()
    after = {"mutual_with": reverse.id}
    record(session, actor_id, "request.mutual", ENTITY, request.id, after=after)


def respond_request(
    session: Session,
    request_id: int,
    accept: bool,
    *,
    responder_id: int | None = None,
    actor_id: int | None,
) -> MeetingRequest:
    """The requested participant (``responder_id``, None when the organiser acts) accepts or
    declines. Accepting happens before scheduling; declining an accepted request is possible
    later too and cancels its meeting."""
    request = get_request(session, request_id)
    if responder_id is not None and responder_id != request.requested_id:
        raise NotAllowed("Only the participant who was asked can answer this request.")
    if request.status is RequestStatus.CANCELLED:
        raise Conflict("This request was cancelled by the participant who sent it.")
    if request.mutual:
        raise Conflict(
            "Both participants asked for this meeting, so it is accepted; "
            "cancel your own request instead."
        )
    wanted = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    if request.status is wanted:
        return request
    event = get_event(session, request.event_id)
    if accept and event.status not in REQUESTING:
        raise Conflict(
            f"Requests can no longer be accepted: {event.name!r} is {event.status.value}."
        )
    before = {"status": request.status}
    request.status, request.responded_at = wanted, utcnow()
    if not accept:
        cancel_meetings(session, request.event_id, [_pair(request)], actor_id)
    session.flush()
    action = "request.accepted" if accept else "request.declined"
    record(session, actor_id, action, ENTITY, request.id, before, {"status": wanted})
    return request


def cancel_request(
    session: Session,
    request_id: int,
    *,
    requester_id: int | None = None,
    actor_id: int | None,
) -> MeetingRequest:
    """The requester (``requester_id``, None when the organiser acts) withdraws a request; its
    meeting is cancelled. The other side of a mutual pair goes back to pending, to be answered."""
    request = get_request(session, request_id)
    if requester_id is not None and requester_id != request.requester_id:
        raise NotAllowed("Only the participant who sent this request can cancel it.")
    if request.status is RequestStatus.CANCELLED:
        raise Conflict("This request is already cancelled.")
    before = {"status": request.status, "mutual": request.mutual}
    if request.mutual:
        reverse = session.scalar(
            select(MeetingRequest).where(
                MeetingRequest.requester_id == request.requested_id,
                MeetingRequest.requested_id == request.requester_id,
            )
        )
        if reverse is not None:
            reverse.status, reverse.mutual, reverse.responded_at = (
                RequestStatus.PENDING,
                False,
                None,
            )
    request.status, request.mutual = RequestStatus.CANCELLED, False
    cancel_meetings(session, request.event_id, [_pair(request)], actor_id)
    session.flush()
    record(
        session,
        actor_id,
        "request.cancelled",
        ENTITY,
        request.id,
        before,
        {"status": request.status},
    )
    return request


def _pair(request: MeetingRequest) -> tuple[int, int]:
    return request.requester_id, request.requested_id
