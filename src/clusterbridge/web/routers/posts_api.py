"""Partner-search posts in the JSON API under ``/api/posts``, with the registry API's
conventions: one error shape, cursor paging by id, ETags carrying the version, and writes by a
signed-in principal (``Authorization: Bearer <token>``, or a browser session sending its CSRF
token) whom the permission rules allow.

Reads are public; the interest a post received is listed only for those who act for the post's
organisation (others see only their own organisations' expressions of interest).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import Field
from sqlalchemy.orm import Session

from clusterbridge.accounts.permissions import Action, Principal, Target
from clusterbridge.accounts.scopes import organisation_target
from clusterbridge.core.errors import InvalidInput, NotFound, Problem
from clusterbridge.matchmaking.posts import access, queries
from clusterbridge.matchmaking.posts import operations as ops
from clusterbridge.matchmaking.posts.inputs import MAX_CODES, MAX_DESCRIPTION, MAX_MESSAGE
from clusterbridge.matchmaking.posts.models import InterestStatus, PostStatus, PostType
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.web.auth import PrincipalDep, authorize, get_principal
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.errors import MAX_ID
from clusterbridge.web.routers.api_common import (
    ERRORS,
    WRITE_ERRORS,
    Id,
    PagingDep,
    RegistryRoute,
    Text,
    WriterDep,
    cursor_list,
    id_query,
    text_query,
    versioned,
)
from clusterbridge.web.routers.api_schemas import PublicModel, WriteModel

router = APIRouter(
    prefix="/api",
    tags=["posts"],
    route_class=RegistryRoute,
    dependencies=[Depends(get_principal)],
)

Code = Annotated[str, Field(max_length=60)]
Codes = Annotated[list[Code], Field(max_length=MAX_CODES)]


class PostPublic(PublicModel):
    """A partner-search post: ``is_open`` is false once it is closed or past ``expires_on``."""

    id: int
    version: int
    post_type: PostType
    title: str
    description: str
    organisation_id: int
    organisation_name: str
    organisation_country: str | None
    organisation_kind: OrganisationKind
    industries: list[str] = Field(description="NACE codes.")
    technologies: list[str] = Field(description="Technology vocabulary slugs.")
    countries: list[str] = Field(description="Target countries (ISO alpha-2); empty: any.")
    kinds: list[str] = Field(description="Partner kinds sought; empty: any.")
    expires_on: date
    status: PostStatus
    is_open: bool
    created_at: datetime
    updated_at: datetime
    interest_count: int = Field(description="Expressions of interest not withdrawn.")


class PostsPublic(PublicModel):
    items: list[PostPublic]
    next_cursor: str | None


class InterestPublic(PublicModel):
    id: int
    post_id: int
    organisation_id: int
    organisation_name: str
    status: InterestStatus
    message: str
    created_at: datetime
    responded_at: datetime | None


class PostDetail(PostPublic):
    interests: list[InterestPublic] | None = Field(
        None,
        description="Every expression of interest for those who act for the post's "
        "organisation; otherwise those of the caller's organisations (null when anonymous).",
    )


class PostCreate(WriteModel):
    organisation_id: int = Field(ge=1, le=MAX_ID, description="The organisation posting.")
    post_type: PostType
    title: str = Field(max_length=200)
    description: str = Field(max_length=MAX_DESCRIPTION)
    expires_on: date = Field(description="The last day the post is open (at most 2 years ahead).")
    industries: Codes = Field(default_factory=list, description="NACE codes ('29.10').")
    technologies: Codes = Field(default_factory=list, description="Technology slugs or names.")
    countries: Codes = Field(default_factory=list, description="Target countries; none: any.")
    kinds: Codes = Field(default_factory=list, description="Partner kinds sought; none: any.")


class InterestCreate(WriteModel):
    organisation_id: int = Field(ge=1, le=MAX_ID, description="The interested organisation.")
    message: str = Field(max_length=MAX_MESSAGE, description="Why it is interested.")


@router.get("/posts", responses=ERRORS)
def list_posts(
    session: SessionDep,
    paging: PagingDep,
    type: PostType | None = None,
    industry: Annotated[str | None, text_query(60, "A NACE code or its start.")] = None,
    country: Annotated[str | None, text_query(60, "A target country.")] = None,
    kind: Annotated[str | None, text_query(40, "A partner kind sought.")] = None,
    q: Text = None,
    organisation: Annotated[int | None, id_query("Only this organisation's posts.")] = None,
    include_closed: Annotated[bool, Query(description="Also closed and expired posts.")] = False,
) -> PostsPublic:
    """Posts in id order (open ones only unless ``include_closed``)."""
    filters = queries.PostFilter(
        type, industry, country, kind, q, organisation, open_only=not include_closed
    )
    page = queries.list_posts(session, filters, paging.after, paging.limit)
    return cursor_list(PostsPublic, PostPublic, page)


@router.get("/posts/{post_id}", responses=ERRORS)
def get_post(
    session: SessionDep, principal: PrincipalDep, post_id: Id, response: Response
) -> PostDetail:
    """One post; the ETag names its version."""
    record = queries.get_post_record(session, post_id)
    versioned(response, record.id, record.version)
    detail = PostDetail.model_validate(record)
    detail.interests = _visible_interests(session, principal, record)
    return detail


def _visible_interests(
    session: Session, principal: Principal, post: queries.PostRecord
) -> list[InterestPublic] | None:
    if not principal.signed_in:
        return None
    if access.may_act(session, principal, Action.PUBLISH_POST, post.organisation_id):
        found = queries.interests_of(session, post.id)
    else:
        mine = access.acting_organisations(session, principal, Action.EXPRESS_INTEREST)
        found = queries.interests_of(session, post.id, {choice.id for choice in mine})
    return [InterestPublic.model_validate(item) for item in found]


@router.post("/posts", status_code=201, responses=WRITE_ERRORS)
def create_post(
    session: SessionDep, principal: WriterDep, body: PostCreate, response: Response
) -> PostDetail:
    """Publish a post on behalf of an organisation (its representatives, its clusters'
    managers)."""
    authorize(principal, Action.PUBLISH_POST, _organisation(session, body.organisation_id))
    values = ops.PostInput(**body.model_dump(), author_id=principal.user_id)
    post = ops.create_post(session, values, actor_id=principal.user_id)
    session.commit()
    response.headers["Location"] = f"/api/posts/{post.id}"
    return get_post(session, principal, post.id, response)


@router.post("/posts/{post_id}/interests", status_code=201, responses=WRITE_ERRORS)
def express_interest(
    session: SessionDep,
    principal: WriterDep,
    post_id: Id,
    body: InterestCreate,
    response: Response,
) -> InterestPublic:
    """Tell the post's organisation that one's organisation is interested (409 when it
    already did, or when the post is closed or expired)."""
    ops.get_post(session, post_id)
    authorize(principal, Action.EXPRESS_INTEREST, _organisation(session, body.organisation_id))
    ops.express_interest(
        session,
        post_id,
        body.organisation_id,
        body.message,
        author_id=principal.user_id,
        actor_id=principal.user_id,
    )
    session.commit()
    response.headers["Location"] = f"/api/posts/{post_id}"
    found = queries.interests_of(session, post_id, {body.organisation_id})
    return InterestPublic.model_validate(found[0])


def _organisation(session: Session, organisation_id: int) -> Target:
    """The organisation named in a body: an unknown one is a field error, not a missing page."""
    try:
        return organisation_target(session, organisation_id)
    except NotFound:
        value = str(organisation_id)
        problem = Problem("no organisation with this id", column="organisation_id", value=value)
        raise InvalidInput([problem]) from None
