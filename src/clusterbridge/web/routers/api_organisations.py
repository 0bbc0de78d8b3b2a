"""Organisations in the API: public reads for everyone, private fields for those in scope,
writes for signed-in principals the permission rules allow."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.accounts.scopes import organisation_target
from clusterbridge.registry import operations, queries
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.models import Organisation, Person
from clusterbridge.registry.operations.organisations import PRIVATE
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import actor_of
from clusterbridge.web.registry_access import may_view_private
from clusterbridge.web.routers.api_common import (
    ERRORS,
    WRITE_ERRORS,
    Country,
    Id,
    IfMatch,
    PagingDep,
    RegistryRoute,
    Text,
    WriterDep,
    current_version_on_conflict,
    cursor_list,
    expected_version,
    id_query,
    text_query,
    versioned,
)
from clusterbridge.web.routers.api_schemas import (
    ContactPrivate,
    MembershipPublic,
    OrganisationCreate,
    OrganisationDetail,
    OrganisationPublic,
    OrganisationsPublic,
    OrganisationUpdate,
)

router = APIRouter(tags=["organisations"], route_class=RegistryRoute)


@router.get("/organisations", responses=ERRORS)
def list_organisations(
    session: SessionDep,
    paging: PagingDep,
    q: Text = None,
    country: Country = None,
    kind: OrganisationKind | None = None,
    industry: Annotated[str | None, text_query(60)] = None,
    technology: Annotated[str | None, text_query(60)] = None,
    cluster: Annotated[int | None, id_query("Current members of this cluster.")] = None,
    region: Annotated[str | None, text_query(10)] = None,
) -> OrganisationsPublic:
    """Organisations matching the search and filters, in id order (public fields). ``region``
    is an ISO 3166-2 subdivision (ES-CT) or a NUTS region (ES51 also matches ES511)."""
    filters = queries.OrganisationFilter(q, country, kind, industry, technology, cluster, region)
    page = queries.list_organisations(session, filters, paging.after, paging.limit)
    return cursor_list(OrganisationsPublic, OrganisationPublic, page)


@router.get(
    "/organisations/{organisation_id}",
    responses=ERRORS,
    response_model_exclude_unset=True,
)
def get_organisation(
    session: SessionDep, principal: PrincipalDep, organisation_id: Id, response: Response
) -> OrganisationDetail:
    """One organisation with all its memberships (past ones too) and collaboration count; the
    ETag header names its version. Private fields only for those allowed to see them."""
    return organisation_detail(session, principal, organisation_id, response)


@router.post(
    "/organisations",
    status_code=201,
    responses=WRITE_ERRORS,
    response_model_exclude_unset=True,
)
def create_organisation(
    session: SessionDep, principal: WriterDep, body: OrganisationCreate, response: Response
) -> OrganisationDetail:
    """Add an organisation (programme and cluster managers, administrators)."""
    authorize(principal, Action.CREATE_ORGANISATION)
    organisation = operations.create_organisation(session, body.changes(), actor_of(principal))
    session.commit()
    response.headers["Location"] = f"/api/v1/organisations/{organisation.id}"
    return organisation_detail(session, principal, organisation.id, response)


@router.patch(
    "/organisations/{organisation_id}",
    responses=WRITE_ERRORS,
    response_model_exclude_unset=True,
)
def update_organisation(
    session: SessionDep,
    principal: WriterDep,
    organisation_id: Id,
    body: OrganisationUpdate,
    response: Response,
    if_match: IfMatch = None,
) -> OrganisationDetail:
    """Change the fields sent (null clears one). Needs ``If-Match`` with the ETag read, or
    ``version``; a stale one gets 409 with the current version."""
    target = organisation_target(session, organisation_id)
    authorize(principal, Action.EDIT_ORGANISATION, target)
    changes = body.changes()
    if PRIVATE & changes.keys():
        authorize(principal, Action.VIEW_PRIVATE, target)
    version = expected_version(if_match, body.version, organisation_id)
    with current_version_on_conflict(session, Organisation, organisation_id):
        operations.update_organisation(
            session, organisation_id, changes, version, actor_of(principal)
        )
        session.commit()
    return organisation_detail(session, principal, organisation_id, response)


def organisation_detail(
    session: Session, principal: Principal, organisation_id: int, response: Response
) -> OrganisationDetail:
    """The public profile, its version, and the private fields when ``principal`` may see
    them (so an id changed in the URL never shows another organisation's private data)."""
    profile = queries.get_organisation_profile(session, organisation_id)
    organisation = session.get(Organisation, organisation_id)
    assert organisation is not None  # the profile query found it
    fields = OrganisationPublic.model_validate(profile.record).model_dump()
    fields |= {
        "memberships": [MembershipPublic.model_validate(m) for m in profile.memberships],
        "collaboration_count": profile.collaboration_count,
        "version": organisation.version,
    }
    if may_view_private(session, principal, organisation_id):
        contacts = session.scalars(
            select(Person).where(Person.organisation_id == organisation_id).order_by(Person.name)
        )
        fields |= {
            "vat": organisation.vat,
            "national_id": organisation.national_id,
            "contacts": [ContactPrivate.model_validate(person) for person in contacts],
        }
    versioned(response, organisation_id, organisation.version)
    return OrganisationDetail(**fields)
