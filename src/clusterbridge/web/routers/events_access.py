"""Permission questions of the participants' event pages, composed only of
:func:`clusterbridge.accounts.permissions.can` and the targets of
:mod:`clusterbridge.accounts.scopes`, so every rule stays in one place.

A user acts at an event through registrations: those they made themselves and those of the
organisations they represent, each kept only while ``PARTICIPATE_EVENT`` on its organisation
still holds (a representative who lost the role no longer sees the old registration).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from fastapi import HTTPException
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from clusterbridge.accounts.permissions import Action, Principal, Target, can
from clusterbridge.accounts.scopes import organisation_target
from clusterbridge.core.errors import NotFound
from clusterbridge.events.common import get_event
from clusterbridge.events.models import Event, EventStatus, Registration, RegistrationStatus
from clusterbridge.registry.models import Membership, Organisation
from clusterbridge.registry.queries import OrganisationFilter, search_organisations
from clusterbridge.registry.queries.common import is_current, today_utc
from clusterbridge.web.auth import authorize

MAX_CHOICES = 500
"""Organisations listed in the registration form's select (a cluster's members, usually)."""
SEARCH_RESULTS = 20


@dataclass(frozen=True, slots=True)
class MyRegistration:
    """A registration the signed-in user acts through at one event."""

    id: int
    name: str
    email: str
    organisation_id: int
    organisation: str
    status: RegistrationStatus

    @property
    def approved(self) -> bool:
        return self.status is RegistrationStatus.APPROVED

    @property
    def label(self) -> str:
        return f"{self.name} ({self.organisation})"


def require_sign_in(principal: Principal) -> None:
    """401 (the sign-in page, for people) before anything else is looked up."""
    if not principal.signed_in:
        raise HTTPException(status_code=401, detail="sign in to do this")


def refuse(reason: str) -> HTTPException:
    """The 403 of a signed-in user who has no part in this event's page."""
    return HTTPException(status_code=403, detail=reason)


def may_manage(principal: Principal) -> bool:
    return can(principal, Action.MANAGE_EVENTS)


def visible_event(session: Session, principal: Principal, event_id: int) -> Event:
    """The event, or :class:`NotFound` when it does not exist or is a draft the principal may
    not see (a draft is not announced yet: its address says nothing to others)."""
    event = get_event(session, event_id)
    if event.status is EventStatus.DRAFT and not may_manage(principal):
        raise NotFound(f"There is no event with id {event_id}.")
    return event


def may_act_for(session: Session, principal: Principal, organisation_id: int) -> bool:
    """Whether the principal may take part in events on behalf of the organisation."""
    if not principal.signed_in:
        return False
    return can(principal, Action.PARTICIPATE_EVENT, organisation_target(session, organisation_id))


def authorize_registration(
    session: Session, principal: Principal, registration: Registration, organisers: bool = False
) -> None:
    """403 unless the principal acts for the registration's organisation (or, with
    ``organisers``, manages events)."""
    require_sign_in(principal)
    if organisers and may_manage(principal):
        return
    target = organisation_target(session, registration.organisation_id)
    authorize(principal, Action.PARTICIPATE_EVENT, target)


def my_registrations(session: Session, principal: Principal, event_id: int) -> list[MyRegistration]:
    """The live or decided registrations (not cancelled) the principal acts through, oldest
    first: made by them, or of an organisation they represent."""
    if not principal.signed_in:
        return []
    mine = Registration.user_id == principal.user_id
    represented = sorted(principal.organisations | principal.cluster_organisations)
    if represented:
        mine = or_(mine, Registration.organisation_id.in_(represented))
    rows = session.execute(
        select(Registration, Organisation.name)
        .join(Organisation, Organisation.id == Registration.organisation_id)
        .where(
            Registration.event_id == event_id,
            Registration.status != RegistrationStatus.CANCELLED,
            mine,
        )
        .order_by(Registration.id)
    ).all()
    allowed: dict[int, bool] = {}
    found = []
    for registration, organisation in rows:
        org = registration.organisation_id
        if org not in allowed:
            allowed[org] = may_act_for(session, principal, org)
        if allowed[org]:
            found.append(
                MyRegistration(
                    registration.id,
                    registration.name,
                    registration.email,
                    org,
                    organisation,
                    registration.status,
                )
            )
    return found


def acting_registrations(
    session: Session, principal: Principal, event_id: int
) -> list[MyRegistration]:
    """The principal's registrations that are not declined, for the pages of those taking
    part; 403 for those with none, except organisers, who see the pages without acting."""
    mine = [
        r
        for r in my_registrations(session, principal, event_id)
        if r.status is not RegistrationStatus.DECLINED
    ]
    if not mine and not may_manage(principal):
        raise refuse("you have no registration at this event")
    return mine


@dataclass(frozen=True, slots=True)
class OrganisationChoice:
    id: int
    name: str


def acting_organisations(
    session: Session, principal: Principal, search: str | None = None
) -> list[OrganisationChoice]:
    """The organisations the principal may register representatives of, by name: those they
    represent, their clusters' organisations and current members, and (for those who manage
    events, who may act for any organisation) the matches of ``search``."""
    if not principal.signed_in:
        return []
    clusters_of: dict[int, set[int]] = defaultdict(set)
    for org in principal.organisations | principal.cluster_organisations:
        clusters_of[org]
    if principal.clusters:
        rows = session.execute(
            select(Membership.organisation_id, Membership.cluster_id).where(
                Membership.cluster_id.in_(sorted(principal.clusters)), is_current(today_utc())
            )
        )
        for org, cluster in rows:
            clusters_of[org].add(cluster)
    if search and search.strip() and may_manage(principal):
        found = search_organisations(session, OrganisationFilter(q=search), 1, SEARCH_RESULTS)
        for record in found.items:
            clusters_of[record.id]
    # The targets here hold only what the principal's scope already names, which is enough
    # for a "yes"; the registration itself is checked again against the whole target.
    allowed = [
        org
        for org, clusters in clusters_of.items()
        if can(
            principal,
            Action.PARTICIPATE_EVENT,
            Target(organisation_id=org, member_of_clusters=frozenset(clusters)),
        )
    ]
    if not allowed:
        return []
    names = session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.id.in_(allowed))
        .order_by(Organisation.name, Organisation.id)
        .limit(MAX_CHOICES)
    )
    return [OrganisationChoice(org, name) for org, name in names]
