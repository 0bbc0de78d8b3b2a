"""The directories of organisations and clusters, and their profile pages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field, ValidationInfo, field_validator
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action
from clusterbridge.accounts.scopes import cluster_target
from clusterbridge.registry import queries
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.web.auth import PrincipalDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.registry_access import (
    may,
    may_edit_cluster,
    may_edit_organisation,
    may_manage_members,
)
from clusterbridge.web.templating import render

router = APIRouter(include_in_schema=False)


class PageQuery(BaseModel):
    """Query-string fields of a page. Forms submit empty fields as '', which means 'any'."""

    page: int = Field(1, ge=1, le=100_000)

    @field_validator("*", mode="before")
    @classmethod
    def blank_is_unset(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")  # no database text can hold them
        if value != "":
            return value
        return 1 if info.field_name == "page" else None

    def params(self) -> dict[str, Any]:
        """The set filters (not the page), as they go back into links such as page links."""
        values = self.model_dump(exclude={"page"}, exclude_none=True)
        return {name: getattr(value, "value", value) for name, value in values.items()}


class OrganisationQuery(PageQuery):
    q: str | None = Field(None, max_length=200)
    country: str | None = Field(None, max_length=2)
    kind: OrganisationKind | None = None
    industry: str | None = Field(None, max_length=60)
    technology: str | None = Field(None, max_length=60)
    cluster: int | None = None
    region: str | None = Field(None, max_length=10)

    def to_filter(self) -> queries.OrganisationFilter:
        return queries.OrganisationFilter(
            q=self.q,
            country=self.country,
            kind=self.kind,
            industry=self.industry,
            technology=self.technology,
            cluster_id=self.cluster,
            region=self.region,
        )


class ClusterQuery(PageQuery):
    q: str | None = Field(None, max_length=200)
    country: str | None = Field(None, max_length=2)
    programme: int | None = None

    def to_filter(self) -> queries.ClusterFilter:
        return queries.ClusterFilter(q=self.q, country=self.country, programme_id=self.programme)


@router.get("/organisations", response_class=HTMLResponse)
def organisation_directory(
    request: Request, session: SessionDep, query: Annotated[OrganisationQuery, Query()]
) -> Response:
    context = {
        "nav": "organisations",
        "query": query,
        "params": query.params(),
        "results": queries.search_organisations(session, query.to_filter(), query.page),
        "choices": queries.directory_choices(session),
    }
    return render(request, "organisations.html", context)


@router.get("/organisations/{organisation_id}", response_class=HTMLResponse)
def organisation_profile(
    request: Request, session: SessionDep, principal: PrincipalDep, organisation_id: int
) -> Response:
    profile = queries.get_organisation_profile(session, organisation_id)
    context = {
        "nav": "organisations",
        "profile": profile,
        "can_edit": may_edit_organisation(session, principal, organisation_id),
        "signed_in": principal.signed_in,
    }
    return render(request, "organisation.html", context)


@router.get("/clusters", response_class=HTMLResponse)
def cluster_directory(
    request: Request, session: SessionDep, query: Annotated[ClusterQuery, Query()]
) -> Response:
    context = {
        "nav": "clusters",
        "query": query,
        "params": query.params(),
        "results": queries.search_clusters(session, query.to_filter(), query.page),
        "choices": queries.directory_choices(session),
    }
    return render(request, "clusters.html", context)


@router.get("/clusters/{cluster_id}", response_class=HTMLResponse)
def cluster_profile(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    cluster_id: int,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    context = {
        "nav": "clusters",
        "profile": queries.get_cluster_profile(session, cluster_id),
        "members": queries.cluster_members(session, cluster_id, page),
        "can_edit": may_edit_cluster(session, principal, cluster_id),
        "can_manage_members": may_manage_members(session, principal, cluster_id),
        "can_view_scorecard": may(
            session, principal, Action.VIEW_EVALUATION, cluster_target, cluster_id
        ),
    }
    return render(request, "cluster.html", context)
