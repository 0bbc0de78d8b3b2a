"""The programme portfolio, key figures and the directory's filter choices."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from clusterbridge.registry.enums import (
    OrganisationKind,
    Vocabulary,
)
from clusterbridge.registry.models import (
    Cluster,
    Collaboration,
    Membership,
    Organisation,
    OrganisationCode,
    Programme,
)
from clusterbridge.registry.queries.common import (
    INDUSTRY_VOCABULARIES,
    KIND_ORDER,
    ClusterOrganisation,
    ClusterRef,
    is_current,
    today_utc,
)

# ---- portfolio, key figures and filter choices ---------------------------------------------


@dataclass(frozen=True, slots=True)
class ProgrammeSummary:
    id: int
    name: str
    country: str | None
    start_year: int | None
    description: str | None
    agency_name: str | None
    cluster_count: int
    member_count: int
    """Distinct organisations with a current membership of one of the programme's clusters."""


@dataclass(frozen=True, slots=True)
class KeyFigures:
    organisations_by_kind: tuple[tuple[OrganisationKind, int], ...]
    organisations: int
    clusters: int
    countries: int
    collaborations: int


@dataclass(frozen=True, slots=True)
class DirectoryChoices:
    """Values present in the data, for the directory's filter controls."""

    countries: tuple[str, ...]
    regions: tuple[str, ...]
    industries: tuple[str, ...]
    technologies: tuple[str, ...]
    clusters: tuple[ClusterRef, ...]
    programmes: tuple[tuple[int, str], ...]


def programme_portfolio(
    session: Session, today: date | None = None
) -> tuple[ProgrammeSummary, ...]:
    """Every programme with its cluster and member counts, in one aggregate query."""
    agency = aliased(Organisation, name="agency")
    columns: tuple[Any, ...] = (Programme.id, Programme.name, Programme.country)
    columns += (Programme.start_year, Programme.description, agency.name)
    rows: Iterable[Sequence[Any]] = session.execute(
        select(
            *columns,
            func.count(func.distinct(Cluster.id)),
            func.count(func.distinct(Membership.organisation_id)),
        )
        .outerjoin(agency, Programme.agency_id == agency.id)
        .outerjoin(Cluster, Cluster.programme_id == Programme.id)
        .outerjoin(
            Membership, and_(Membership.cluster_id == Cluster.id, is_current(today or today_utc()))
        )
        .group_by(*columns)
        .order_by(Programme.name, Programme.id)
    )
    return tuple(ProgrammeSummary(*row) for row in rows)


def key_figures(session: Session) -> KeyFigures:
    """Headline counts for the home page: two statements."""
    by_kind = session.execute(
        select(Organisation.kind, func.count()).group_by(Organisation.kind).order_by(KIND_ORDER)
    ).all()
    clusters, countries, collaborations = session.execute(
        select(
            select(func.count(Cluster.id)).scalar_subquery(),
            select(func.count(func.distinct(Organisation.country))).scalar_subquery(),
            select(func.count(Collaboration.id)).scalar_subquery(),
        )
    ).one()
    return KeyFigures(
        organisations_by_kind=tuple((kind, count) for kind, count in by_kind),
        organisations=sum(count for _, count in by_kind),
        clusters=clusters,
        countries=countries,
        collaborations=collaborations,
    )


def directory_choices(session: Session) -> DirectoryChoices:
    """Countries, codes, clusters and programmes in use: four small statements."""
    places = session.execute(
        select(Organisation.country, Organisation.region)
        .where(Organisation.country.is_not(None))
        .distinct()
    ).all()
    codes = session.execute(select(OrganisationCode.vocabulary, OrganisationCode.code).distinct())
    by_vocabulary: dict[Vocabulary, set[str]] = defaultdict(set)
    for vocabulary, code in codes:
        by_vocabulary[vocabulary].add(code)
    clusters = session.execute(
        select(Cluster.id, ClusterOrganisation.name, Cluster.acronym)
        .join(ClusterOrganisation, Cluster.organisation_id == ClusterOrganisation.id)
        .order_by(ClusterOrganisation.name)
    )
    programmes = session.execute(select(Programme.id, Programme.name).order_by(Programme.name))
    industries = set().union(*(by_vocabulary[v] for v in INDUSTRY_VOCABULARIES))
    return DirectoryChoices(
        countries=tuple(sorted({c for c, _ in places if c})),
        regions=tuple(sorted({r for _, r in places if r})),
        industries=tuple(sorted(industries)),
        technologies=tuple(sorted(by_vocabulary[Vocabulary.TECHNOLOGY])),
        clusters=tuple(ClusterRef(*row) for row in clusters),
        programmes=tuple((pid, name) for pid, name in programmes),
    )
