"""Who may act on posts, composed only of :func:`clusterbridge.accounts.permissions.can` and
the targets of :mod:`clusterbridge.accounts.scopes`, so every rule stays in one place.

A post is written and its interest answered on behalf of its organisation
(``PUBLISH_POST``); interest is expressed and withdrawn on behalf of the interested one
(``EXPRESS_INTEREST``). The CLI acts with full rights and asks nothing here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.accounts.errors import NotAllowed
from clusterbridge.accounts.permissions import Action, Principal, Target, can
from clusterbridge.accounts.scopes import organisation_target
from clusterbridge.registry.models import Membership, Organisation
from clusterbridge.registry.queries import OrganisationFilter, search_organisations
from clusterbridge.registry.queries.common import is_current, today_utc

MAX_CHOICES = 500
SEARCH_RESULTS = 20


@dataclass(frozen=True, slots=True)
class OrganisationChoice:
    id: int
    name: str


def may_act(session: Session, principal: Principal, action: Action, organisation_id: int) -> bool:
    """Whether the principal may do ``action`` on behalf of the organisation."""
    if not principal.signed_in:
        return False
    return can(principal, action, organisation_target(session, organisation_id))


def require_act(
    session: Session, principal: Principal, action: Action, organisation_id: int
) -> None:
    """:class:`NotAllowed` unless :func:`may_act` (the web answers 403)."""
    if not may_act(session, principal, action, organisation_id):
        raise NotAllowed("You do not act for this organisation, so you cannot do this.")


def acting_organisations(
    session: Session, principal: Principal, action: Action, search: str | None = None
) -> list[OrganisationChoice]:
    """The organisations the principal may do ``action`` for, by name: those they represent,
    their clusters' organisations and current members, and for administrators (who may act
    for any organisation) the matches of ``search``."""
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
    if search and search.strip() and principal.is_admin:
        found = search_organisations(session, OrganisationFilter(q=search), 1, SEARCH_RESULTS)
        for record in found.items:
            clusters_of[record.id]
    # These targets hold only what the principal's scope already names, which is enough for
    # a "yes"; each write checks again against the whole target (require_act).
    allowed = [
        org
        for org, clusters in clusters_of.items()
        if can(
            principal, action, Target(organisation_id=org, member_of_clusters=frozenset(clusters))
        )
    ]
    return _named(session, allowed)


def _named(session: Session, ids: list[int]) -> list[OrganisationChoice]:
    """The organisations by name (at most :data:`MAX_CHOICES`)."""
    if not ids:
        return []
    names = session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.id.in_(ids))
        .order_by(Organisation.name, Organisation.id)
        .limit(MAX_CHOICES)
    )
    return [OrganisationChoice(org, name) for org, name in names]
