"""What the post pages share: the words for types and statuses, the notices after each step,
and the post's own page (shown again with the interest form's problems when a step fails)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from fastapi import HTTPException, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.core.errors import Problem
from clusterbridge.matchmaking.posts import access, queries
from clusterbridge.matchmaking.posts.models import InterestStatus
from clusterbridge.matchmaking.recommend import (
    MatchRequest,
    MatchResult,
    NothingToRecommend,
    recommend,
)
from clusterbridge.matchmaking.service import matchmaking_for
from clusterbridge.web.forms import field_errors
from clusterbridge.web.templating import render

LABELS = {
    "type_labels": {
        "technology_offer": "Technology offer",
        "technology_request": "Technology request",
        "business_offer": "Business offer",
        "business_request": "Business request",
        "rd_partner_search": "R&D partner search",
    },
    "interest_labels": {
        "sent": "Waiting for an answer",
        "accepted": "Accepted",
        "declined": "Declined",
        "withdrawn": "Withdrawn",
    },
}
"""Words for the post types and interest statuses, as every post page shows them."""
DONE = {
    "published": "Your post is published. It stays open until its expiry date.",
    "saved": "Your changes are saved.",
    "closed": "The post is closed: it left the list and takes no more interest.",
    "reopened": "The post is open again.",
    "sent": "Your expression of interest is sent. The post's organisation will answer it.",
    "withdrawn": "Your expression of interest is withdrawn.",
    "accepted": "You accepted the expression of interest: get in touch with the organisation.",
    "declined": "You declined the expression of interest.",
}


def require_sign_in(principal: Principal) -> None:
    """401 (the sign-in page, for people) before anything else is looked up."""
    if not principal.signed_in:
        raise HTTPException(status_code=401, detail="sign in to do this")


def show_post(
    request: Request,
    session: Session,
    principal: Principal,
    post_id: int,
    values: Mapping[str, Any] | None = None,
    problems: Collection[Problem] = (),
    status: int = 200,
    **extra: Any,
) -> Response:
    """The post's page, with the interest form's sent values and problems when it failed."""
    post = queries.get_post_record(session, post_id)
    is_poster = access.may_act(session, principal, Action.PUBLISH_POST, post.organisation_id)
    acting = [
        choice
        for choice in access.acting_organisations(session, principal, Action.EXPRESS_INTEREST)
        if choice.id != post.organisation_id
    ]
    mine = {choice.id for choice in acting}
    interests = queries.interests_of(session, post_id, None if is_poster else mine)
    taken = {i.organisation_id for i in interests if i.status is not InterestStatus.WITHDRAWN}
    errors, general = field_errors(problems)
    context = {
        "nav": "posts",
        **LABELS,
        "post": post,
        "is_poster": is_poster,
        "interests": interests,
        "mine": mine,
        "choices": [choice for choice in acting if choice.id not in taken],
        "signed_in": principal.signed_in,
        "values": values or {},
        "errors": errors,
        "general": general,
        "csrf_token": principal.csrf_token,
        "recommendations": _recommendations(session, post) if is_poster else None,
        **extra,
    }
    return render(request, "posts_post.html", context, status_code=status)


def _recommendations(session: Session, post: queries.PostRecord) -> MatchResult | str:
    """Partners ranked for the post (its organisation sees them), or why there are none."""
    request = MatchRequest(str(post.organisation_id), post_id=post.id, k=10)
    try:
        return recommend(session, matchmaking_for(session.get_bind().engine), request)
    except NothingToRecommend as nothing:
        return str(nothing)
