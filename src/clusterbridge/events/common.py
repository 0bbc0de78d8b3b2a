"""Steps every event operation shares: fetch a record or say it is missing, check short texts
and numbers, and write the audit entry.

Operations run in the caller's session and leave the commit to the caller (one
``with transaction():`` block in the CLI, one commit per request on the web), as the
registry's do. They take the acting user's id for the audit log; permission checks stay in
the web and CLI layers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from clusterbridge.accounts.users import actor_name
from clusterbridge.core import audit
from clusterbridge.core.errors import InvalidInput, NotFound, Problem
from clusterbridge.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    Registration,
)

RecordT = TypeVar("RecordT")

MAX_MESSAGE = 2000


def get_record(
    session: Session, model: type[RecordT], record_id: int, noun: str, lock: bool = False
) -> RecordT:
    """The record with ``record_id`` (locked for update when ``lock``), or :class:`NotFound`."""
    record = session.get(model, record_id, with_for_update=lock or None)
    if record is None:
        raise NotFound(f"There is no {noun} with id {record_id}.")
    return record


def get_event(session: Session, event_id: int, lock: bool = False) -> Event:
    return get_record(session, Event, event_id, "event", lock)


def get_registration(session: Session, registration_id: int) -> Registration:
    return get_record(session, Registration, registration_id, "registration")


def get_request(session: Session, request_id: int) -> MeetingRequest:
    return get_record(session, MeetingRequest, request_id, "meeting request")


def clean_text(
    problems: list[Problem], field: str, value: str | None, limit: int, required: bool = False
) -> str | None:
    """``value`` with surrounding spaces removed (None when empty); a problem when it is
    required and empty or longer than ``limit`` characters."""
    text = (value or "").replace("\r\n", "\n").strip()
    if required and not text:
        problems.append(Problem("a value is required", column=field, value=""))
    elif len(text) > limit:
        problems.append(Problem(f"at most {limit} characters", column=field, value=text[:60]))
    elif "\x00" in text:
        problems.append(Problem("must not contain NUL characters", column=field))
    return text or None


def check_count(
    problems: list[Problem], field: str, value: int | None, low: int, high: int
) -> int | None:
    """An optional whole number between ``low`` and ``high``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append(
            Problem(f"must be a whole number from {low} to {high}", column=field, value=str(value))
        )
    return value


def raise_problems(problems: list[Problem]) -> None:
    if problems:
        raise InvalidInput(problems)


def invalid(field: str | None, reason: str, value: str | None = None) -> InvalidInput:
    """A one-problem :class:`InvalidInput` (the reason says what to do)."""
    return InvalidInput([Problem(reason, column=field, value=value)], summary="Not accepted")


def record(
    session: Session,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """An audit entry ``event.<action>`` by the acting user (the CLI actor when None)."""
    audit.record(
        session,
        actor=actor_name(actor_id),
        action=f"event.{action}",
        entity=entity,
        entity_id=entity_id,
        before={k: audit.jsonable(v) for k, v in before.items()} if before else None,
        after={k: audit.jsonable(v) for k, v in after.items()} if after else None,
    )


def cancel_meetings(
    session: Session, event_id: int, pairs: Iterable[tuple[int, int]], actor_id: int | None
) -> int:
    """Cancel the scheduled meetings (draft and published) between each pair of registrations;
    returns how many published meetings were cancelled (those are audited: participants saw
    them)."""
    wanted = {frozenset(pair) for pair in pairs}
    if not wanted:
        return 0
    ids = {person for pair in wanted for person in pair}
    meetings = session.scalars(
        select(Meeting).where(
            Meeting.event_id == event_id,
            Meeting.status == MeetingStatus.SCHEDULED,
            or_(Meeting.requester_id.in_(ids), Meeting.requested_id.in_(ids)),
        )
    ).all()
    published = 0
    for meeting in meetings:
        if frozenset((meeting.requester_id, meeting.requested_id)) not in wanted:
            continue
        meeting.status = MeetingStatus.CANCELLED
        if meeting.published:
            published += 1
            record(session, actor_id, "meeting.cancelled", "event_meeting", meeting.id)
    return published
