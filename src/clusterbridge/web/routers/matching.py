"""Partner recommendations: the page under an organisation's profile and the JSON API.

Both need a signed-in user (ranking costs real work; what is shown is public profile data)
and call :func:`clusterbridge.matchmaking.recommend.recommend`, as the CLI does.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.core.errors import NotFound
from clusterbridge.matchmaking.recommend import (
    KINDS,
    MAX_K,
    MatchRequest,
    MatchResult,
    NothingToRecommend,
    recommend,
)
from clusterbridge.matchmaking.service import matchmaking_for
from clusterbridge.registry.models import Organisation
from clusterbridge.taxonomy import entries
from clusterbridge.web.auth import PrincipalDep, authorize, get_principal
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.routers.api_common import ERRORS, Id, RegistryRoute
from clusterbridge.web.templating import render

KIND_LABELS = {
    "company": "Company",
    "startup": "Start-up",
    "university": "University",
    "research_centre": "Research centre",
    "public_body": "Public body",
    "cluster_organisation": "Cluster organisation",
    "other": "Other",
}


class PartnerQuery(BaseModel):
    """What the page's form and the API take."""

    abroad: bool = False
    kind: list[str] = Field(default_factory=list, max_length=len(KINDS))
    country: list[Annotated[str, Field(max_length=60)]] = Field(default_factory=list, max_length=50)
    text: str | None = Field(None, max_length=1000)
    post: int | None = Field(None, ge=1, le=2**31 - 1)
    k: int = Field(10, ge=1, le=MAX_K)

    def request(self, organisation_id: int) -> MatchRequest:
        return MatchRequest(
            organisation=str(organisation_id),
            post_id=self.post,
            text=self.text,
            abroad=self.abroad,
            kinds=tuple(kind for kind in self.kind if kind),
            countries=tuple(c.strip().upper() for c in self.country if c.strip()),
            k=self.k,
        )


def partners_for(session: Session, principal: Principal, request: MatchRequest) -> MatchResult:
    """Recommendations for a signed-in principal (401 otherwise)."""
    authorize(principal, Action.USE_ACCOUNT)
    return recommend(session, matchmaking_for(session.get_bind().engine), request)


pages = APIRouter(include_in_schema=False)


@pages.get("/organisations/{organisation_id}/partners", response_class=HTMLResponse)
def partners_page(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    organisation_id: Id,
    query: Annotated[PartnerQuery, Query()],
) -> Response:
    """Ranked partners for an organisation with the reasons for each, and filters."""
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(f"There is no organisation {organisation_id}.")
    result: MatchResult | None = None
    message = None
    try:
        result = partners_for(session, principal, query.request(organisation_id))
    except NothingToRecommend as nothing:
        message = str(nothing)
    context: dict[str, Any] = {
        "nav": "directory",
        "org": organisation,
        "query": query,
        "result": result,
        "message": message,
        "kind_labels": KIND_LABELS,
        "countries": [entry.code for entry in entries("country")],
    }
    return render(request, "matching_partners.html", context)


class ReasonPublic(BaseModel):
    group: str
    share: float
    text: str


class RecommendationPublic(BaseModel):
    rank: int
    organisation_id: int
    name: str
    kind: str
    country: str | None
    score: float
    reasons: list[ReasonPublic]


class RecommendationsPublic(BaseModel):
    """Ranked partners; ``message`` says why the list is empty when it is."""

    organisation_id: int
    post_id: int | None
    recommendations: list[RecommendationPublic]
    message: str | None = None
    notes: list[str] = Field(default_factory=list)


api = APIRouter(
    prefix="/api/v1",
    tags=["matchmaking"],
    route_class=RegistryRoute,
    dependencies=[Depends(get_principal)],
)


@api.get("/organisations/{organisation_id}/recommendations", responses=ERRORS)
def recommendations(
    session: SessionDep,
    principal: PrincipalDep,
    organisation_id: Id,
    query: Annotated[PartnerQuery, Query()],
) -> RecommendationsPublic:
    """Ranked, explained partner recommendations for an organisation (sign-in required)."""
    try:
        result = partners_for(session, principal, query.request(organisation_id))
    except NothingToRecommend as nothing:
        return RecommendationsPublic(
            organisation_id=organisation_id,
            post_id=query.post,
            recommendations=[],
            message=str(nothing),
        )
    return RecommendationsPublic(
        organisation_id=result.organisation_id,
        post_id=result.post.id if result.post else None,
        recommendations=[RecommendationPublic(**asdict(item)) for item in result.items],
        notes=result.notes,
    )


router = APIRouter()
router.include_router(pages)
router.include_router(api)
