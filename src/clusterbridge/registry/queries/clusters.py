"""Cluster directory, profiles and member lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from clusterbridge.core.errors import NotFound
from clusterbridge.registry.enums import (
    ComplexType,
    LabelLevel,
    MembershipRole,
    OrganisationKind,
)
from clusterbridge.registry.models import (
    Cluster,
    ClusterFocus,
    IndustrialComplex,
    Membership,
    Organisation,
    Programme,
)
from clusterbridge.registry.queries.common import (
    KIND_ORDER,
    PER_PAGE,
    AnySelect,
    ClusterOrganisation,
    Code,
    CursorPage,
    Page,
    is_current,
    today_utc,
)

# ---- clusters ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClusterFilter:
    q: str | None = None
    country: str | None = None
    programme_id: int | None = None


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    id: int
    organisation_id: int
    name: str
    name_latin: str | None
    acronym: str | None
    country: str | None
    city: str | None
    programme_id: int | None
    programme_name: str | None
    industrial_complex_name: str | None
    member_count: int
    """Distinct organisations with a current membership."""


@dataclass(frozen=True, slots=True)
class ClusterProfile:
    summary: ClusterSummary
    description: str | None
    website: str | None
    complex_type: ComplexType | None
    label_level: LabelLevel | None
    label_valid_until: date | None
    management_fte: Decimal | None
    founding_year: int | None
    strategy_areas: str | None
    focus: tuple[Code, ...]
    members_by_kind: tuple[tuple[OrganisationKind, int], ...]


@dataclass(frozen=True, slots=True)
class ClusterMember:
    organisation_id: int
    name: str
    kind: OrganisationKind
    country: str | None
    city: str | None
    role: MembershipRole
    since: date


def _cluster_select(today: date) -> AnySelect:
    """Cluster rows with names and member counts, from one aggregate subquery."""
    counts = (
        select(
            Membership.cluster_id,
            func.count(func.distinct(Membership.organisation_id)).label("members"),
        )
        .where(is_current(today))
        .group_by(Membership.cluster_id)
        .subquery()
    )
    return (
        select(
            Cluster.id,
            Cluster.organisation_id,
            ClusterOrganisation.name,
            ClusterOrganisation.name_latin,
            Cluster.acronym,
            ClusterOrganisation.country,
            ClusterOrganisation.city,
            Cluster.programme_id,
            Programme.name.label("programme_name"),
            IndustrialComplex.name.label("industrial_complex_name"),
            func.coalesce(counts.c.members, 0).label("member_count"),
        )
        .join(ClusterOrganisation, Cluster.organisation_id == ClusterOrganisation.id)
        .outerjoin(Programme, Cluster.programme_id == Programme.id)
        .outerjoin(IndustrialComplex, Cluster.industrial_complex_id == IndustrialComplex.id)
        .outerjoin(counts, counts.c.cluster_id == Cluster.id)
    )


def _cluster_conditions(filters: ClusterFilter) -> list[ColumnElement[bool]]:
    columns = (ClusterOrganisation.name, ClusterOrganisation.name_latin, Cluster.acronym)
    conditions = [
        or_(*(column.icontains(word, autoescape=True) for column in columns))
        for word in (filters.q or "").split()
    ]
    if filters.country:
        conditions.append(ClusterOrganisation.country == filters.country.upper())
    if filters.programme_id is not None:
        conditions.append(Cluster.programme_id == filters.programme_id)
    return conditions


def search_clusters(
    session: Session,
    filters: ClusterFilter,
    page: int = 1,
    per_page: int = PER_PAGE,
    today: date | None = None,
) -> Page[ClusterSummary]:
    """One page of the cluster directory, by name: a count and one aggregate query."""
    conditions = _cluster_conditions(filters)
    total = session.scalar(
        select(func.count(Cluster.id))
        .join(ClusterOrganisation, Cluster.organisation_id == ClusterOrganisation.id)
        .where(*conditions)
    )
    rows = session.execute(
        _cluster_select(today or today_utc())
        .where(*conditions)
        .order_by(ClusterOrganisation.name, Cluster.id)
        .offset((max(page, 1) - 1) * per_page)
        .limit(per_page)
    )
    return Page(tuple(ClusterSummary(**row._mapping) for row in rows), total or 0, page, per_page)


def list_clusters(
    session: Session,
    filters: ClusterFilter,
    after_id: int | None = None,
    limit: int = PER_PAGE,
    today: date | None = None,
) -> CursorPage[ClusterSummary]:
    """The clusters after ``after_id`` in id order (for the API)."""
    stmt = _cluster_select(today or today_utc()).where(*_cluster_conditions(filters))
    if after_id is not None:
        stmt = stmt.where(Cluster.id > after_id)
    rows = session.execute(stmt.order_by(Cluster.id).limit(limit + 1)).all()
    items = tuple(ClusterSummary(**row._mapping) for row in rows[:limit])
    return CursorPage(items, items[-1].id if len(rows) > limit else None)


_CLUSTER_PROFILE_COLUMNS: tuple[Any, ...] = (
    ClusterOrganisation.description,
    ClusterOrganisation.website,
    IndustrialComplex.complex_type,
    Cluster.label_level,
    Cluster.label_valid_until,
    Cluster.management_fte,
    Cluster.founding_year,
    Cluster.strategy_areas,
)


def get_cluster_profile(
    session: Session, cluster_id: int, today: date | None = None
) -> ClusterProfile:
    """A cluster with its focus and member counts by kind; :class:`NotFound` if unknown."""
    today = today or today_utc()
    row = session.execute(
        _cluster_select(today)
        .add_columns(*_CLUSTER_PROFILE_COLUMNS)
        .where(Cluster.id == cluster_id)
    ).first()
    if row is None:
        raise NotFound(f"There is no cluster with id {cluster_id}.")
    values = dict(row._mapping)
    summary = ClusterSummary(**{f: values.pop(f) for f in ClusterSummary.__dataclass_fields__})
    focus = session.execute(
        select(ClusterFocus.vocabulary, ClusterFocus.code)
        .where(ClusterFocus.cluster_id == cluster_id)
        .order_by(ClusterFocus.vocabulary, ClusterFocus.code)
    )
    by_kind = session.execute(
        select(Organisation.kind, func.count(func.distinct(Organisation.id)))
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(Membership.cluster_id == cluster_id, is_current(today))
        .group_by(Organisation.kind)
        .order_by(KIND_ORDER)
    )
    return ClusterProfile(
        summary=summary,
        focus=tuple(Code(v, c) for v, c in focus),
        members_by_kind=tuple((kind, count) for kind, count in by_kind),
        **values,
    )


def cluster_members(
    session: Session,
    cluster_id: int,
    page: int = 1,
    per_page: int = PER_PAGE,
    today: date | None = None,
) -> Page[ClusterMember]:
    """Current members ordered by kind then name (so a page reads as groups by kind)."""
    where = (Membership.cluster_id == cluster_id, is_current(today or today_utc()))
    total = session.scalar(select(func.count(Membership.id)).where(*where))
    rows = session.execute(
        select(
            Organisation.id,
            Organisation.name,
            Organisation.kind,
            Organisation.country,
            Organisation.city,
            Membership.role,
            Membership.since,
        )
        .join(Membership, Membership.organisation_id == Organisation.id)
        .where(*where)
        .order_by(KIND_ORDER, Organisation.name, Membership.id)
        .offset((max(page, 1) - 1) * per_page)
        .limit(per_page)
    )
    return Page(tuple(ClusterMember(*row) for row in rows), total or 0, page, per_page)
