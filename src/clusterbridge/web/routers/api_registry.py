"""Read-only JSON API of the registry (public fields only), the twin of the directory pages.

Lists use cursor pagination by id: pass back ``next_cursor`` as ``cursor`` until it is null.
The cursor is opaque to clients so the ordering can change without breaking them.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from clusterbridge.registry import queries
from clusterbridge.registry.enums import MembershipRole, OrganisationKind, SizeClass, Vocabulary
from clusterbridge.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["registry"])

Cursor = Annotated[
    str | None, Query(pattern=r"^\d{1,18}$", description="`next_cursor` of the previous page.")
]
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
Text = Annotated[str | None, Query(max_length=200, description="Words to search for.")]
Country = Annotated[str | None, Query(max_length=2, description="ISO 3166 alpha-2 code.")]


class PublicModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class CodePublic(PublicModel):
    vocabulary: Vocabulary
    code: str


class ClusterRefPublic(PublicModel):
    id: int
    name: str
    acronym: str | None


class OrganisationPublic(PublicModel):
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
    codes: list[CodePublic]
    clusters: list[ClusterRefPublic]
    """Clusters the organisation is a current member of."""


class OrganisationsPublic(BaseModel):
    items: list[OrganisationPublic]
    next_cursor: str | None


class MembershipPublic(PublicModel):
    cluster: ClusterRefPublic
    role: MembershipRole
    since: date
    until: date | None


class OrganisationDetailPublic(OrganisationPublic):
    memberships: list[MembershipPublic]
    collaboration_count: int


class ClusterPublic(PublicModel):
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


class ClustersPublic(BaseModel):
    items: list[ClusterPublic]
    next_cursor: str | None


def _after(cursor: str | None) -> int | None:
    return int(cursor) if cursor else None


def _cursor(next_id: int | None) -> str | None:
    return None if next_id is None else str(next_id)


@router.get("/organisations")
def list_organisations(
    session: SessionDep,
    q: Text = None,
    country: Country = None,
    kind: OrganisationKind | None = None,
    industry: Annotated[str | None, Query(max_length=60)] = None,
    technology: Annotated[str | None, Query(max_length=60)] = None,
    cluster: Annotated[int | None, Query(description="Current members of this cluster.")] = None,
    cursor: Cursor = None,
    limit: Limit = 25,
) -> OrganisationsPublic:
    """Organisations matching the search and filters, in id order."""
    filters = queries.OrganisationFilter(q, country, kind, industry, technology, cluster)
    page = queries.list_organisations(session, filters, _after(cursor), limit)
    items = [OrganisationPublic.model_validate(record) for record in page.items]
    return OrganisationsPublic(items=items, next_cursor=_cursor(page.next_cursor))


@router.get("/organisations/{organisation_id}")
def get_organisation(session: SessionDep, organisation_id: int) -> OrganisationDetailPublic:
    """One organisation with all its memberships (past ones too) and collaboration count."""
    profile = queries.get_organisation_profile(session, organisation_id)
    return OrganisationDetailPublic(
        **OrganisationPublic.model_validate(profile.record).model_dump(),
        memberships=[MembershipPublic.model_validate(m) for m in profile.memberships],
        collaboration_count=profile.collaboration_count,
    )


@router.get("/clusters")
def list_clusters(
    session: SessionDep,
    q: Text = None,
    country: Country = None,
    programme: Annotated[int | None, Query(description="Programme id.")] = None,
    cursor: Cursor = None,
    limit: Limit = 25,
) -> ClustersPublic:
    """Clusters with their programme, industrial complex and number of current members."""
    filters = queries.ClusterFilter(q, country, programme)
    page = queries.list_clusters(session, filters, _after(cursor), limit)
    items = [ClusterPublic.model_validate(summary) for summary in page.items]
    return ClustersPublic(items=items, next_cursor=_cursor(page.next_cursor))
