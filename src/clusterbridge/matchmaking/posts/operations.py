"""Write operations of partner-search posts, shared by the pages, the API and the CLI.

Each validates its input first (:class:`~clusterbridge.core.errors.InvalidInput` with a problem
per field, :class:`~clusterbridge.core.errors.Conflict` when the post's state forbids the step,
:class:`~clusterbridge.core.errors.NotFound` for unknown ids), then writes with an audit entry
``posts.*`` per change. They run in the caller's session and leave the commit to the caller, as
the registry's and the events' do, and they take the acting user's id for the audit log;
permission checks stay in the web and CLI layers (see :mod:`.access`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clusterbridge.accounts.users import actor_name
from clusterbridge.core import audit
from clusterbridge.core.errors import Conflict, InvalidInput, NotFound, Problem
from clusterbridge.core.models import utcnow
from clusterbridge.matchmaking.posts.inputs import (
    EDITABLE,
    FACET_FIELDS,
    MAX_MESSAGE,
    PostInput,
    as_date,
    check_expiry,
    check_post_values,
    clean_text,
    raise_problems,
)
from clusterbridge.matchmaking.posts.models import (
    ExpressionOfInterest,
    InterestStatus,
    PartnerPost,
    PostStatus,
    PostTag,
)
from clusterbridge.registry.models import Organisation
from clusterbridge.registry.operations.fields import StaleVersion, flushing
from clusterbridge.registry.queries.common import today_utc

__all__ = [
    "PostInput",
    "close_post",
    "create_post",
    "express_interest",
    "get_interest",
    "get_post",
    "reopen_post",
    "respond_interest",
    "update_post",
    "withdraw_interest",
]

POST = "partner_post"
INTEREST = "expression_of_interest"


def get_post(session: Session, post_id: int) -> PartnerPost:
    post = session.get(PartnerPost, post_id)
    if post is None:
        raise NotFound(f"There is no partner-search post with id {post_id}.")
    return post


def get_interest(session: Session, interest_id: int) -> ExpressionOfInterest:
    interest = session.get(ExpressionOfInterest, interest_id)
    if interest is None:
        raise NotFound(f"There is no expression of interest with id {interest_id}.")
    return interest


def create_post(
    session: Session, values: PostInput, *, actor_id: int | None, today: date | None = None
) -> PartnerPost:
    """Publish a post of ``values.organisation_id``, open until its expiry date."""
    raw = asdict(values)
    problems: list[Problem] = []
    if session.get(Organisation, values.organisation_id) is None:
        reason = "no organisation with this id"
        problems.append(
            Problem(reason, column="organisation_id", value=str(values.organisation_id))
        )
    try:
        clean = check_post_values({k: raw[k] for k in EDITABLE}, today or today_utc())
    except InvalidInput as error:
        raise InvalidInput([*problems, *error.problems], summary="Not accepted") from None
    raise_problems(problems)
    post = PartnerPost(
        organisation_id=values.organisation_id,
        author_id=values.author_id,
        status=PostStatus.OPEN,
        **{k: v for k, v in clean.items() if k not in FACET_FIELDS},
    )
    _set_tags(post, {k: v for k, v in clean.items() if k in FACET_FIELDS})
    session.add(post)
    session.flush()
    after = {"organisation_id": post.organisation_id, **clean}
    _record(session, actor_id, "post.created", POST, post.id, after=after)
    return post


def update_post(
    session: Session,
    post_id: int,
    changes: Mapping[str, Any],
    expected_version: int,
    *,
    actor_id: int | None,
    today: date | None = None,
) -> PartnerPost:
    """Change some fields of a post seen at ``expected_version`` (:class:`StaleVersion` if
    someone saved it since). An unchanged expiry date in the past is kept as it is."""
    post = get_post(session, post_id)
    if post.version != expected_version:
        raise StaleVersion(POST, post.id, post.version)
    refused = [Problem("this field cannot be changed here", column=k) for k in changes]
    raise_problems([p for p in refused if p.column not in EDITABLE])
    given = dict(changes)
    if as_date(given.get("expires_on")) == post.expires_on:
        given.pop("expires_on")  # an expired post's other fields can still be corrected
    clean = check_post_values(given, today or today_utc())
    before, after = _diff(post, clean)
    if not after:
        return post
    with flushing(session, POST, post.id):
        for name, value in after.items():
            if name not in FACET_FIELDS:
                setattr(post, name, value)
        _set_tags(post, {k: v for k, v in after.items() if k in FACET_FIELDS})
        post.updated_at = utcnow()  # also bumps the version when only lists changed
    _record(session, actor_id, "post.updated", POST, post.id, before, after)
    return post


def close_post(session: Session, post_id: int, *, actor_id: int | None) -> PartnerPost:
    """Take a post off the list; interest already received stays, to be answered."""
    post = get_post(session, post_id)
    if post.status is PostStatus.CLOSED:
        return post
    post.status = PostStatus.CLOSED
    session.flush()
    _record(
        session, actor_id, "post.closed", POST, post.id, {"status": "open"}, {"status": "closed"}
    )
    return post


def reopen_post(
    session: Session,
    post_id: int,
    *,
    expires_on: date | None = None,
    actor_id: int | None,
    today: date | None = None,
) -> PartnerPost:
    """Open a closed or expired post again; an expired one needs a new ``expires_on``."""
    post = get_post(session, post_id)
    today = today or today_utc()
    problems: list[Problem] = []
    if expires_on is not None:
        check_expiry(problems, expires_on, today)
    elif post.expires_on < today:
        reason = "the post expired: give a new expiry date to reopen it"
        problems.append(Problem(reason, column="expires_on", value=post.expires_on.isoformat()))
    raise_problems(problems)
    before = {"status": post.status, "expires_on": post.expires_on}
    post.status = PostStatus.OPEN
    post.expires_on = expires_on or post.expires_on
    after = {"status": post.status, "expires_on": post.expires_on}
    if after == before:
        return post
    session.flush()
    _record(session, actor_id, "post.reopened", POST, post.id, before, after)
    return post


def express_interest(
    session: Session,
    post_id: int,
    organisation_id: int,
    message: str,
    *,
    author_id: int | None = None,
    actor_id: int | None,
    today: date | None = None,
) -> ExpressionOfInterest:
    """Tell the post's organisation that ``organisation_id`` is interested. One per
    organisation and post; a withdrawn one is sent again with the new message."""
    post = get_post(session, post_id)
    text = _checked_interest(session, post, organisation_id, message)
    if not post.is_open(today or today_utc()):
        raise Conflict(
            "This post is closed or expired; it no longer takes expressions of interest."
        )
    interest = _existing_interest(session, post_id, organisation_id)
    if interest is not None and interest.status is not InterestStatus.WITHDRAWN:
        raise Conflict(
            f"{interest.organisation.name} already expressed interest in this post "
            f"(it is {interest.status.value})."
        )
    interest = interest or ExpressionOfInterest(post_id=post_id, organisation_id=organisation_id)
    interest.message, interest.author_id = text, author_id
    interest.status, interest.responded_at = InterestStatus.SENT, None
    session.add(interest)
    _flush_interest(session)
    after = {"post_id": post_id, "organisation_id": organisation_id}
    _record(session, actor_id, "interest.sent", INTEREST, interest.id, after=after)
    return interest


def _checked_interest(
    session: Session, post: PartnerPost, organisation_id: int, message: str
) -> str:
    """The cleaned message, or :class:`InvalidInput` naming the message and the organisation
    (unknown, or the post's own)."""
    problems: list[Problem] = []
    text = clean_text(problems, "message", message, MAX_MESSAGE, required=True)
    if session.get(Organisation, organisation_id) is None:
        reason = "no organisation with this id"
        problems.append(Problem(reason, column="organisation_id", value=str(organisation_id)))
    elif organisation_id == post.organisation_id:
        reason = "an organisation cannot answer its own post"
        problems.append(Problem(reason, column="organisation_id"))
    raise_problems(problems)
    return text


def withdraw_interest(
    session: Session, interest_id: int, *, actor_id: int | None
) -> ExpressionOfInterest:
    """The interested organisation takes its expression of interest back."""
    interest = get_interest(session, interest_id)
    if interest.status is InterestStatus.WITHDRAWN:
        raise Conflict("This expression of interest is already withdrawn.")
    before = {"status": interest.status}
    interest.status = InterestStatus.WITHDRAWN
    session.flush()
    after = {"status": interest.status}
    _record(session, actor_id, "interest.withdrawn", INTEREST, interest.id, before, after)
    return interest


def respond_interest(
    session: Session, interest_id: int, accept: bool, *, actor_id: int | None
) -> ExpressionOfInterest:
    """The post's organisation accepts (to get in touch) or declines an expression of
    interest; it may change its answer later, but not answer a withdrawn one."""
    interest = get_interest(session, interest_id)
    if interest.status is InterestStatus.WITHDRAWN:
        raise Conflict(
            "This expression of interest was withdrawn by the organisation that sent it."
        )
    wanted = InterestStatus.ACCEPTED if accept else InterestStatus.DECLINED
    if interest.status is wanted:
        return interest
    before = {"status": interest.status}
    interest.status, interest.responded_at = wanted, utcnow()
    session.flush()
    action = "interest.accepted" if accept else "interest.declined"
    _record(session, actor_id, action, INTEREST, interest.id, before, {"status": wanted})
    return interest


def _existing_interest(
    session: Session, post_id: int, organisation_id: int
) -> ExpressionOfInterest | None:
    return session.scalar(
        select(ExpressionOfInterest).where(
            ExpressionOfInterest.post_id == post_id,
            ExpressionOfInterest.organisation_id == organisation_id,
        )
    )


def _flush_interest(session: Session) -> None:
    """Flush; the unique key catches a second expression sent at the same moment."""
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Conflict(
            "Your organisation's interest in this post was recorded meanwhile; nothing was sent."
        ) from None


def _diff(post: PartnerPost, clean: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields whose clean value differs from the post's: (before, after)."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name, value in clean.items():
        old = post.codes(FACET_FIELDS[name]) if name in FACET_FIELDS else getattr(post, name)
        if old != value:
            before[name], after[name] = old, value
    return before, after


def _set_tags(post: PartnerPost, lists: Mapping[str, tuple[str, ...]]) -> None:
    """Make each given facet's tags equal its list; unchanged tags stay (deleting and adding
    the same code in one flush would break the unique key)."""
    for name, codes in lists.items():
        facet = FACET_FIELDS[name]
        wanted = set(codes)
        for tag in [t for t in post.tags if t.facet is facet and t.code not in wanted]:
            post.tags.remove(tag)
        have = {t.code for t in post.tags if t.facet is facet}
        post.tags.extend(PostTag(facet=facet, code=code) for code in codes if code not in have)


def _record(
    session: Session,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: int,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    """An audit entry ``posts.<action>`` by the acting user (the CLI actor when None)."""
    audit.record(
        session,
        actor=actor_name(actor_id),
        action=f"posts.{action}",
        entity=entity,
        entity_id=entity_id,
        before=_jsonable(before),
        after=_jsonable(after),
    )


def _jsonable(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not values:
        return None
    return {k: list(v) if isinstance(v, tuple) else audit.jsonable(v) for k, v in values.items()}
