"""Partner-search posts: the list with its filters and a post's page, with the interest it
received (for its organisation) and the form to express interest (for the others).

The forms to publish and edit a post are in :mod:`posts_forms`, the steps on a post and its
interests (close, reopen, express, answer, withdraw) in :mod:`posts_steps`, the JSON API in
:mod:`posts_api`; this router includes all three, so the app mounts one router for posts.
Who may act is decided by :mod:`clusterbridge.matchmaking.posts.access`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import Field
from starlette.responses import Response

from clusterbridge.matchmaking.posts import queries
from clusterbridge.matchmaking.posts.models import PostType
from clusterbridge.taxonomy import entries
from clusterbridge.web.auth import PrincipalDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.routers import posts_api, posts_forms, posts_steps
from clusterbridge.web.routers.api_common import Id
from clusterbridge.web.routers.directory import PageQuery
from clusterbridge.web.routers.posts_view import DONE, LABELS, show_post
from clusterbridge.web.templating import render

pages = APIRouter(include_in_schema=False)

Done = Annotated[str | None, Query(max_length=20)]


class PostQuery(PageQuery):
    type: PostType | None = None
    industry: str | None = Field(None, max_length=60)
    country: str | None = Field(None, max_length=60)
    kind: str | None = Field(None, max_length=40)
    q: str | None = Field(None, max_length=200)

    def to_filter(self) -> queries.PostFilter:
        return queries.PostFilter(
            post_type=self.type,
            industry=self.industry,
            country=self.country,
            kind=self.kind,
            text=self.q,
        )


@pages.get("/posts", response_class=HTMLResponse)
def post_list(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    query: Annotated[PostQuery, Query()],
) -> Response:
    """Open posts, the newest first, with filters."""
    context = {
        "nav": "posts",
        **LABELS,
        "query": query,
        "params": query.params(),
        "results": queries.search_posts(session, query.to_filter(), query.page),
        "countries": [entry.code for entry in entries("country")],
        "signed_in": principal.signed_in,
    }
    return render(request, "posts_list.html", context)


@pages.get("/posts/{post_id}", response_class=HTMLResponse)
def post_page(
    request: Request, session: SessionDep, principal: PrincipalDep, post_id: Id, done: Done = None
) -> Response:
    """A post; its organisation sees every interest, the others their own and a form."""
    return show_post(request, session, principal, post_id, notice=DONE.get(done or ""))


router = APIRouter()
"""Everything about posts; the pages stay out of the OpenAPI schema, the API is in it."""
router.include_router(posts_forms.router)  # /posts/new before /posts/{post_id}
router.include_router(posts_steps.router)
router.include_router(pages)
router.include_router(posts_api.router)
