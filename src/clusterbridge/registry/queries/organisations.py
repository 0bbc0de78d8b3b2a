"""Organisation directory and profiles."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from clusterbridge.core.errors import NotFound
from clusterbridge.registry.enums import (
    MembershipRole,
    OrganisationKind,
    ParticipantRole,
    SizeClass,
    Vocabulary,
)
from clusterbridge.registry.models import (
    Cluster,
    Collaboration,
    Membership,
    Organisation,
    OrganisationCode,
    Participation,
)
from clusterbridge.registry.queries.common import (
    INDUSTRY_VOCABULARIES,
    PER_PAGE,
    AnySelect,
    ClusterOrganisation,
    ClusterRef,
    Code,
    CursorPage,
    Page,
    SearchCondition,
    is_current,
    like_search,
    today_utc,
)


@dataclass(frozen=True, slots=True)
class OrganisationRecord:
    """The public fields of an organisation (VAT and national ids are left out)."""

    id: int
    external_id: str
    kind: OrganisationKind
    name: str
    name_latin: str | None
    country: str | None
    region: str | None
    nuts: str | None
    city: str | None
    latitude: float | None
    longitude: float | None
    website: str | None
    description: str | None
    offers: str | None
    needs: str | None
    size_class: SizeClass | None
    founding_year: int | None
    pic: str | None
    codes: tuple[Code, ...] = ()
    clusters: tuple[ClusterRef, ...] = ()
    """Clusters the organisation is a current member of."""


RECORD_FIELDS = tuple(
    f for f in OrganisationRecord.__dataclass_fields__ if f not in {"codes", "clusters"}
)


@dataclass(frozen=True, slots=True)
class MembershipRow:
    cluster: ClusterRef
    role: MembershipRole
    since: date
    until: date | None


@dataclass(frozen=True, slots=True)
class CollaborationRow:
    id: int
    title: str | None
    source: str
    programme: str | None
    year: int | None
    role: ParticipantRole


@dataclass(frozen=True, slots=True)
class OrganisationProfile:
    record: OrganisationRecord
    own_cluster_id: int | None
    """The cluster profile this organisation manages, if it is a cluster organisation."""
    memberships: tuple[MembershipRow, ...]
    collaboration_count: int
    latest_collaborations: tuple[CollaborationRow, ...]


@dataclass(frozen=True, slots=True)
class OrganisationFilter:
    """Directory filters; None means 'any'."""

    q: str | None = None
    country: str | None = None
    kind: OrganisationKind | None = None
    industry: str | None = None
    technology: str | None = None
    cluster_id: int | None = None
    region: str | None = None
    """An ISO 3166-2 subdivision (ES-CT) or a NUTS region (ES51, matching ES511 too)."""


# ---- organisations -------------------------------------------------------------------------


def _has_code(vocabularies: Iterable[Vocabulary], code: str) -> ColumnElement[bool]:
    return exists().where(
        OrganisationCode.organisation_id == Organisation.id,
        OrganisationCode.vocabulary.in_(list(vocabularies)),
        OrganisationCode.code == code,
    )


def _in_region(region: str) -> ColumnElement[bool]:
    if "-" in region:  # ISO 3166-2
        return Organisation.region == region
    return or_(Organisation.region == region, Organisation.nuts.startswith(region, autoescape=True))


def organisation_conditions(
    filters: OrganisationFilter, today: date, search: SearchCondition = like_search
) -> list[ColumnElement[bool]]:
    """The WHERE conditions that select the organisations a filter describes."""
    conditions: list[ColumnElement[bool]] = []
    if filters.q and filters.q.strip():
        conditions.append(search(filters.q))
    if filters.country:
        conditions.append(Organisation.country == filters.country.upper())
    if filters.region and filters.region.strip():
        conditions.append(_in_region(filters.region.strip().upper()))
    if filters.kind:
        conditions.append(Organisation.kind == filters.kind)
    if filters.industry:
        conditions.append(_has_code(INDUSTRY_VOCABULARIES, filters.industry.strip()))
    if filters.technology:
        conditions.append(_has_code([Vocabulary.TECHNOLOGY], filters.technology.strip()))
    if filters.cluster_id is not None:
        member = exists().where(
            Membership.organisation_id == Organisation.id,
            Membership.cluster_id == filters.cluster_id,
            is_current(today),
        )
        conditions.append(member)
    return conditions


def search_organisations(
    session: Session,
    filters: OrganisationFilter,
    page: int = 1,
    per_page: int = PER_PAGE,
    *,
    search: SearchCondition = like_search,
    today: date | None = None,
) -> Page[OrganisationRecord]:
    """One page of the directory, by name: a count, the rows, their codes and clusters."""
    today = today or today_utc()
    conditions = organisation_conditions(filters, today, search)
    total = session.scalar(select(func.count(Organisation.id)).where(*conditions)) or 0
    stmt = (
        select(Organisation)
        .where(*conditions)
        .order_by(Organisation.name, Organisation.id)
        .offset((max(page, 1) - 1) * per_page)
        .limit(per_page)
    )
    records = _records(session, session.scalars(stmt).all(), today)
    return Page(records, total, page, per_page)


def list_organisations(
    session: Session,
    filters: OrganisationFilter,
    after_id: int | None = None,
    limit: int = PER_PAGE,
    *,
    search: SearchCondition = like_search,
    today: date | None = None,
) -> CursorPage[OrganisationRecord]:
    """The organisations after ``after_id`` in id order (stable under inserts, for the API)."""
    today = today or today_utc()
    stmt = select(Organisation).where(*organisation_conditions(filters, today, search))
    if after_id is not None:
        stmt = stmt.where(Organisation.id > after_id)
    rows = session.scalars(stmt.order_by(Organisation.id).limit(limit + 1)).all()
    records = _records(session, rows[:limit], today)
    return CursorPage(records, records[-1].id if len(rows) > limit else None)


def _records(
    session: Session, organisations: Sequence[Organisation], today: date
) -> tuple[OrganisationRecord, ...]:
    """Public records with codes and current clusters: two statements for any number of rows."""
    ids = [o.id for o in organisations]
    if not ids:
        return ()
    codes: dict[int, list[Code]] = defaultdict(list)
    code_rows = session.execute(
        select(OrganisationCode.organisation_id, OrganisationCode.vocabulary, OrganisationCode.code)
        .where(OrganisationCode.organisation_id.in_(ids))
        .order_by(OrganisationCode.vocabulary, OrganisationCode.code)
    )
    for org_id, vocabulary, code in code_rows:
        codes[org_id].append(Code(vocabulary, code))
    clusters: dict[int, list[ClusterRef]] = defaultdict(list)
    cluster_rows = session.execute(
        _membership_select()
        .where(Membership.organisation_id.in_(ids), is_current(today))
        .order_by(ClusterOrganisation.name)
    )
    for row in cluster_rows:
        clusters[row.organisation_id].append(ClusterRef(row.cluster_id, row.name, row.acronym))
    return tuple(
        OrganisationRecord(
            **{name: getattr(o, name) for name in RECORD_FIELDS},
            codes=tuple(codes[o.id]),
            clusters=tuple(dict.fromkeys(clusters[o.id])),
        )
        for o in organisations
    )


def _membership_select() -> AnySelect:
    return (
        select(
            Membership.organisation_id,
            Membership.cluster_id,
            ClusterOrganisation.name,
            Cluster.acronym,
            Membership.role,
            Membership.since,
            Membership.until,
        )
        .join(Cluster, Membership.cluster_id == Cluster.id)
        .join(ClusterOrganisation, Cluster.organisation_id == ClusterOrganisation.id)
    )


def get_organisation_profile(
    session: Session, organisation_id: int, today: date | None = None
) -> OrganisationProfile:
    """Everything public about one organisation; raises :class:`NotFound` for an unknown id."""
    today = today or today_utc()
    row = session.execute(
        select(Organisation, Cluster.id)
        .outerjoin(Cluster, Cluster.organisation_id == Organisation.id)
        .where(Organisation.id == organisation_id)
    ).first()
    if row is None:
        raise NotFound(f"There is no organisation with id {organisation_id}.")
    memberships = session.execute(
        _membership_select()
        .where(Membership.organisation_id == organisation_id)
        .order_by(Membership.since.desc(), Membership.id.desc())
    )
    count = session.scalar(
        select(func.count()).where(Participation.organisation_id == organisation_id)
    )
    latest = session.execute(
        select(Collaboration, Participation.role)
        .join(Participation, Participation.collaboration_id == Collaboration.id)
        .where(Participation.organisation_id == organisation_id)
        .order_by(Collaboration.year.desc().nulls_last(), Collaboration.id.desc())
        .limit(10)
    )
    return OrganisationProfile(
        record=_records(session, [row[0]], today)[0],
        own_cluster_id=row[1],
        memberships=tuple(
            MembershipRow(ClusterRef(m.cluster_id, m.name, m.acronym), m.role, m.since, m.until)
            for m in memberships
        ),
        collaboration_count=count or 0,
        latest_collaborations=tuple(
            CollaborationRow(c.id, c.title, c.source, c.programme, c.year, role)
            for c, role in latest
        ),
    )
