"""Membership periods with their ids and versions, for the API and the members page (which
edit them) rather than for reading profiles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from clusterbridge.core.errors import NotFound
from clusterbridge.registry.enums import MembershipRole, OrganisationKind
from clusterbridge.registry.models import Cluster, Membership, Organisation
from clusterbridge.registry.queries.common import (
    KIND_ORDER,
    PER_PAGE,
    AnySelect,
    ClusterOrganisation,
    CursorPage,
    Page,
    is_current,
    today_utc,
)


@dataclass(frozen=True, slots=True)
class MembershipRecord:
    id: int
    version: int
    organisation_id: int
    organisation_name: str
    organisation_kind: OrganisationKind
    cluster_id: int
    cluster_name: str
    cluster_acronym: str | None
    role: MembershipRole
    since: date
    until: date | None


@dataclass(frozen=True, slots=True)
class MembershipFilter:
    """None means 'any'; ``current`` True keeps running periods, False ended ones."""

    cluster_id: int | None = None
    organisation_id: int | None = None
    programme_id: int | None = None
    role: MembershipRole | None = None
    current: bool | None = None


def _select() -> AnySelect:
    return (
        select(
            Membership.id,
            Membership.version,
            Membership.organisation_id,
            Organisation.name.label("organisation_name"),
            Organisation.kind.label("organisation_kind"),
            Membership.cluster_id,
            ClusterOrganisation.name.label("cluster_name"),
            Cluster.acronym.label("cluster_acronym"),
            Membership.role,
            Membership.since,
            Membership.until,
        )
        .join(Organisation, Membership.organisation_id == Organisation.id)
        .join(Cluster, Membership.cluster_id == Cluster.id)
        .join(ClusterOrganisation, Cluster.organisation_id == ClusterOrganisation.id)
    )


def _conditions(filters: MembershipFilter, today: date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filters.cluster_id is not None:
        conditions.append(Membership.cluster_id == filters.cluster_id)
    if filters.organisation_id is not None:
        conditions.append(Membership.organisation_id == filters.organisation_id)
    if filters.programme_id is not None:
        conditions.append(Cluster.programme_id == filters.programme_id)
    if filters.role is not None:
        conditions.append(Membership.role == filters.role)
    if filters.current is not None:
        current = is_current(today)
        conditions.append(current if filters.current else ~current)
    return conditions


def list_memberships(
    session: Session,
    filters: MembershipFilter,
    after_id: int | None = None,
    limit: int = PER_PAGE,
    today: date | None = None,
) -> CursorPage[MembershipRecord]:
    """Membership periods after ``after_id`` in id order (for the API): one statement."""
    stmt = _select().where(*_conditions(filters, today or today_utc()))
    if after_id is not None:
        stmt = stmt.where(Membership.id > after_id)
    rows = session.execute(stmt.order_by(Membership.id).limit(limit + 1)).all()
    items = tuple(MembershipRecord(**row._mapping) for row in rows[:limit])
    return CursorPage(items, items[-1].id if len(rows) > limit else None)


def membership_page(
    session: Session,
    filters: MembershipFilter,
    page: int = 1,
    per_page: int = PER_PAGE,
    today: date | None = None,
) -> Page[MembershipRecord]:
    """One numbered page of periods by kind, then name, then start (for the members page)."""
    conditions = _conditions(filters, today or today_utc())
    count = select(func.count(Membership.id)).join(Cluster, Membership.cluster_id == Cluster.id)
    total = session.scalar(count.where(*conditions)) or 0
    rows = session.execute(
        _select()
        .where(*conditions)
        .order_by(KIND_ORDER, Organisation.name, Membership.since, Membership.id)
        .offset((max(page, 1) - 1) * per_page)
        .limit(per_page)
    )
    return Page(tuple(MembershipRecord(**row._mapping) for row in rows), total, page, per_page)


def get_membership(session: Session, membership_id: int) -> MembershipRecord:
    row = session.execute(_select().where(Membership.id == membership_id)).first()
    if row is None:
        raise NotFound(f"There is no membership with id {membership_id}.")
    return MembershipRecord(**row._mapping)
