"""Who takes part in an event: participants to browse, registrations for the organiser, a
user's registrations, and each participant's sent and received requests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from clusterbridge.core.errors import NotFound
from clusterbridge.events.common import get_event, get_registration
from clusterbridge.events.models import (
    MeetingRequest,
    Registration,
    RegistrationStatus,
    RequestStatus,
)
from clusterbridge.registry.models import Organisation


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    registration_id: int
    name: str
    organisation_id: int
    organisation: str
    country: str | None
    offer: str | None
    looking_for: str | None


def participants(
    session: Session, event_id: int, search: str | None = None
) -> list[ParticipantRow]:
    """Approved participants to browse, by organisation then name; ``search`` matches words in
    the name, the organisation's name, the offer or what they look for (any case)."""
    get_event(session, event_id)
    query = (
        select(Registration, Organisation.name, Organisation.country)
        .join(Organisation, Registration.organisation_id == Organisation.id)
        .where(
            Registration.event_id == event_id,
            Registration.status == RegistrationStatus.APPROVED,
        )
    )
    for word in (search or "").split():
        pattern = word.lower()
        query = query.where(
            or_(
                *(
                    func.lower(column).contains(pattern, autoescape=True)
                    for column in (
                        Registration.name,
                        Organisation.name,
                        Registration.offer,
                        Registration.looking_for,
                    )
                )
            )
        )
    rows = session.execute(query.order_by(Organisation.name, Registration.name, Registration.id))
    return [
        ParticipantRow(r.id, r.name, r.organisation_id, org, country, r.offer, r.looking_for)
        for r, org, country in rows
    ]


@dataclass(frozen=True, slots=True)
class RegistrationRow:
    """A registration as the organiser sees it (with its address and status)."""

    id: int
    name: str
    email: str
    organisation_id: int
    organisation: str
    status: RegistrationStatus
    max_meetings: int | None
    unavailable: tuple[int, ...]
    booth_table_id: int | None
    created_at: datetime


def registrations(
    session: Session, event_id: int, status: RegistrationStatus | None = None
) -> list[RegistrationRow]:
    get_event(session, event_id)
    query = (
        select(Registration, Organisation.name)
        .join(Organisation, Registration.organisation_id == Organisation.id)
        .where(Registration.event_id == event_id)
    )
    if status is not None:
        query = query.where(Registration.status == status)
    return [
        RegistrationRow(
            r.id,
            r.name,
            r.email,
            r.organisation_id,
            org,
            r.status,
            r.max_meetings,
            tuple(r.unavailable or ()),
            r.booth_table_id,
            r.created_at,
        )
        for r, org in session.execute(query.order_by(Registration.id))
    ]


def registrations_of_user(session: Session, user_id: int) -> dict[int, int]:
    """The user's live registrations (not cancelled or declined): event id -> registration id."""
    rows = session.execute(
        select(Registration.event_id, Registration.id).where(
            Registration.user_id == user_id,
            Registration.status.in_((RegistrationStatus.PENDING, RegistrationStatus.APPROVED)),
        )
    )
    return {row.event_id: row.id for row in rows}


@dataclass(frozen=True, slots=True)
class RequestRow:
    id: int
    counterpart_id: int
    counterpart: str
    organisation: str
    priority: int
    message: str | None
    status: RequestStatus
    mutual: bool
    created_at: datetime
    responded_at: datetime | None


@dataclass(frozen=True, slots=True)
class RequestLists:
    sent: tuple[RequestRow, ...]
    received: tuple[RequestRow, ...]


def requests_for(session: Session, registration_id: int) -> RequestLists:
    """The requests a participant sent and received, newest first."""
    get_registration(session, registration_id)
    other = aliased(Registration)
    found: dict[bool, list[RequestRow]] = {True: [], False: []}
    for sent in (True, False):
        mine = MeetingRequest.requester_id if sent else MeetingRequest.requested_id
        theirs = MeetingRequest.requested_id if sent else MeetingRequest.requester_id
        rows = session.execute(
            select(MeetingRequest, other.name, Organisation.name)
            .join(other, other.id == theirs)
            .join(Organisation, Organisation.id == other.organisation_id)
            .where(mine == registration_id)
            .order_by(MeetingRequest.id.desc())
        )
        found[sent] = [
            RequestRow(
                r.id,
                r.requested_id if sent else r.requester_id,
                name,
                org,
                r.priority,
                r.message,
                r.status,
                r.mutual,
                r.created_at,
                r.responded_at,
            )
            for r, name, org in rows
        ]
    return RequestLists(tuple(found[True]), tuple(found[False]))


@dataclass(frozen=True, slots=True)
class EventRequestRow:
    """A meeting request of an event with both sides named, for the organiser's list."""

    id: int
    requester_id: int
    requester: str
    requester_organisation: str
    requested_id: int
    requested: str
    requested_organisation: str
    priority: int
    message: str | None
    status: RequestStatus
    mutual: bool


def event_requests(
    session: Session, event_id: int, status: RequestStatus | None = None
) -> list[EventRequestRow]:
    """Every request of the event (or those in ``status``), oldest first, in one query."""
    get_event(session, event_id)
    asking, asked = aliased(Registration), aliased(Registration)
    asking_org, asked_org = aliased(Organisation), aliased(Organisation)
    query = (
        select(MeetingRequest, asking.name, asking_org.name, asked.name, asked_org.name)
        .join(asking, asking.id == MeetingRequest.requester_id)
        .join(asking_org, asking_org.id == asking.organisation_id)
        .join(asked, asked.id == MeetingRequest.requested_id)
        .join(asked_org, asked_org.id == asked.organisation_id)
        .where(MeetingRequest.event_id == event_id)
        .order_by(MeetingRequest.id)
    )
    if status is not None:
        query = query.where(MeetingRequest.status == status)
    return [
        EventRequestRow(
            r.id,
            r.requester_id,
            requester,
            requester_org,
            r.requested_id,
            requested,
            requested_org,
            r.priority,
            r.message,
            r.status,
            r.mutual,
        )
        for r, requester, requester_org, requested, requested_org in session.execute(query)
    ]


def require_registration_of(session: Session, registration_id: int, event_id: int) -> None:
    """:class:`NotFound` unless the registration belongs to the event (for URLs naming both)."""
    registration = get_registration(session, registration_id)
    if registration.event_id != event_id:
        raise NotFound(f"There is no registration with id {registration_id} at this event.")
