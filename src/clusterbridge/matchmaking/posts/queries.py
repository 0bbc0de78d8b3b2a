"""Read side of partner-search posts: the list with its filters, one post, its interests.

Functions return frozen dataclasses, never ORM objects, so the pages, the API and the CLI share
them; a list costs four statements whatever its length (count, rows, tags, interest counts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from clusterbridge import taxonomy
from clusterbridge.core.errors import NotFound, UnknownCode
from clusterbridge.core.pages import Page
from clusterbridge.matchmaking.organisations import find_organisation
from clusterbridge.matchmaking.posts.inputs import kind_code, nace_code
from clusterbridge.matchmaking.posts.models import (
    ExpressionOfInterest,
    InterestStatus,
    PartnerPost,
    PostFacet,
    PostStatus,
    PostTag,
    PostType,
)
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.models import Organisation
from clusterbridge.registry.queries.common import CursorPage, today_utc
from clusterbridge.registry.search import fold

PER_PAGE = 25


@dataclass(frozen=True, slots=True)
class PostFilter:
    """Which posts a list shows; None means any."""

    post_type: PostType | None = None
    industry: str | None = None
    """A NACE code or its start ('C', '29', '29.1'): posts with an industry under it."""
    country: str | None = None
    """A target country: posts that name it, or that name no country (open to all)."""
    kind: str | None = None
    """A partner kind sought: posts that seek it, or that name no kind (any partner)."""
    text: str | None = None
    """Words that must all occur in the title or description (case and accents ignored)."""
    organisation_id: int | None = None
    """Only the posts of this organisation."""
    open_only: bool = True
    """Leave out closed and expired posts."""


@dataclass(frozen=True, slots=True)
class PostRecord:
    """A post as the pages, the API and the CLI show it."""

    id: int
    version: int
    post_type: PostType
    title: str
    description: str
    organisation_id: int
    organisation_name: str
    organisation_country: str | None
    organisation_kind: OrganisationKind
    author_id: int | None
    industries: tuple[str, ...]
    technologies: tuple[str, ...]
    countries: tuple[str, ...]
    kinds: tuple[str, ...]
    expires_on: date
    status: PostStatus
    is_open: bool
    """Not closed and not past its expiry date."""
    expired: bool
    created_at: datetime
    updated_at: datetime
    interest_count: int
    """Expressions of interest received and not withdrawn."""


@dataclass(frozen=True, slots=True)
class InterestRecord:
    id: int
    post_id: int
    organisation_id: int
    organisation_name: str
    organisation_country: str | None
    organisation_kind: OrganisationKind
    author_id: int | None
    message: str
    status: InterestStatus
    created_at: datetime
    responded_at: datetime | None


def search_posts(
    session: Session,
    filters: PostFilter,
    page: int = 1,
    per_page: int = PER_PAGE,
    *,
    today: date | None = None,
) -> Page[PostRecord]:
    """One page of posts, the newest first."""
    today = today or today_utc()
    conditions = post_conditions(filters, today)
    total = session.scalar(select(func.count(PartnerPost.id)).where(*conditions)) or 0
    stmt = (
        _rows()
        .where(*conditions)
        .order_by(PartnerPost.id.desc())
        .offset((max(page, 1) - 1) * per_page)
        .limit(per_page)
    )
    records = _records(session, session.execute(stmt).all(), today)
    return Page(records, total, page, per_page)


def list_posts(
    session: Session,
    filters: PostFilter,
    after_id: int | None = None,
    limit: int = PER_PAGE,
    *,
    today: date | None = None,
) -> CursorPage[PostRecord]:
    """The posts after ``after_id`` in id order (stable under inserts, for the API)."""
    today = today or today_utc()
    stmt = _rows().where(*post_conditions(filters, today))
    if after_id is not None:
        stmt = stmt.where(PartnerPost.id > after_id)
    rows = session.execute(stmt.order_by(PartnerPost.id).limit(limit + 1)).all()
    records = _records(session, rows[:limit], today)
    return CursorPage(records, records[-1].id if len(rows) > limit else None)


def get_post_record(session: Session, post_id: int, *, today: date | None = None) -> PostRecord:
    """One post, open or not, or :class:`NotFound`."""
    row = session.execute(_rows().where(PartnerPost.id == post_id)).first()
    if row is None:
        raise NotFound(f"There is no partner-search post with id {post_id}.")
    return _records(session, [row], today or today_utc())[0]


def interests_of(
    session: Session, post_id: int, organisation_ids: Collection[int] | None = None
) -> list[InterestRecord]:
    """The expressions of interest in a post, the oldest first: all of them, or only those
    of ``organisation_ids`` (what an interested organisation may see of its own)."""
    if organisation_ids is not None and not organisation_ids:
        return []
    stmt = (
        select(ExpressionOfInterest, Organisation.name, Organisation.country, Organisation.kind)
        .join(Organisation, Organisation.id == ExpressionOfInterest.organisation_id)
        .where(ExpressionOfInterest.post_id == post_id)
        .order_by(ExpressionOfInterest.id)
    )
    if organisation_ids is not None:
        stmt = stmt.where(ExpressionOfInterest.organisation_id.in_(sorted(organisation_ids)))
    return [
        InterestRecord(
            i.id, i.post_id, i.organisation_id, name, country, kind, i.author_id, i.message,
            i.status, i.created_at, i.responded_at,
        )
        for i, name, country, kind in session.execute(stmt)
    ]  # fmt: skip


def organisation_by_reference(session: Session, reference: str) -> int:
    """An organisation's id from its id, external id, PIC or name (as the CLI takes them)."""
    return find_organisation(session, reference).id


def post_conditions(filters: PostFilter, today: date) -> list[ColumnElement[bool]]:
    """WHERE conditions on ``partner_posts`` for ``filters``."""
    conditions: list[ColumnElement[bool]] = []
    if filters.open_only:
        conditions += [PartnerPost.status == PostStatus.OPEN, PartnerPost.expires_on >= today]
    if filters.post_type is not None:
        conditions.append(PartnerPost.post_type == filters.post_type)
    if filters.organisation_id is not None:
        conditions.append(PartnerPost.organisation_id == filters.organisation_id)
    if filters.industry:
        prefixes = industry_prefixes(filters.industry)
        matches = or_(*(PostTag.code.startswith(p, autoescape=True) for p in prefixes))
        conditions.append(_has_tag(PostFacet.INDUSTRY, matches))
    if filters.country:
        conditions.append(_targets(PostFacet.COUNTRY, _lenient(taxonomy.country, filters.country)))
    if filters.kind:
        conditions.append(_targets(PostFacet.KIND, _lenient(kind_code, filters.kind)))
    for word in fold(filters.text or "").split():
        conditions.append(PartnerPost.search_text.contains(word, autoescape=True))
    return conditions


def industry_prefixes(text: str) -> tuple[str, ...]:
    """The NACE codes an industry filter matches the start of: a section letter stands for
    its divisions ('C' -> '10' .. '33'); an unknown code is kept as typed (it matches none)."""
    code = _lenient(nace_code, text)
    if code.isalpha():
        divisions = [e.code for e in taxonomy.entries("nace") if e.parent == code]
        return (code, *divisions)
    return (code,)


def _lenient(parse: Any, value: str) -> str:
    """``parse(value)``, or the value as typed when it names no known code."""
    try:
        return str(parse(value))
    except (UnknownCode, ValueError):
        return value.strip()


def _has_tag(facet: PostFacet, condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists().where(PostTag.post_id == PartnerPost.id, PostTag.facet == facet, condition)


def _targets(facet: PostFacet, code: str) -> ColumnElement[bool]:
    """The post names ``code`` in ``facet``, or names nothing there (open to all)."""
    any_tag = exists().where(PostTag.post_id == PartnerPost.id, PostTag.facet == facet)
    return or_(_has_tag(facet, PostTag.code == code), ~any_tag)


def _rows() -> Any:
    return select(PartnerPost, Organisation.name, Organisation.country, Organisation.kind).join(
        Organisation, Organisation.id == PartnerPost.organisation_id
    )


def _records(session: Session, rows: Sequence[Any], today: date) -> tuple[PostRecord, ...]:
    """Rows of (post, organisation name, country, kind) as records, with two more statements
    for all their tags and interest counts."""
    ids = [row[0].id for row in rows]
    tags = _tags(session, ids)
    counts = _interest_counts(session, ids)
    return tuple(
        _record(post, name, country, kind, tags[post.id], counts.get(post.id, 0), today)
        for post, name, country, kind in rows
    )


def _record(
    post: PartnerPost,
    name: str,
    country: str | None,
    kind: OrganisationKind,
    tags: dict[PostFacet, list[str]],
    interests: int,
    today: date,
) -> PostRecord:
    def codes(facet: PostFacet) -> tuple[str, ...]:
        return tuple(sorted(tags.get(facet, ())))

    return PostRecord(
        post.id, post.version, post.post_type, post.title, post.description,
        post.organisation_id, name, country, kind, post.author_id,
        codes(PostFacet.INDUSTRY), codes(PostFacet.TECHNOLOGY), codes(PostFacet.COUNTRY),
        codes(PostFacet.KIND), post.expires_on, post.status,
        post.status is PostStatus.OPEN and post.expires_on >= today,
        post.expires_on < today, post.created_at, post.updated_at, interests,
    )  # fmt: skip


def _tags(session: Session, ids: Iterable[int]) -> dict[int, dict[PostFacet, list[str]]]:
    found: dict[int, dict[PostFacet, list[str]]] = defaultdict(lambda: defaultdict(list))
    wanted = list(ids)
    if not wanted:
        return found
    stmt = select(PostTag.post_id, PostTag.facet, PostTag.code).where(PostTag.post_id.in_(wanted))
    for post_id, facet, code in session.execute(stmt):
        found[post_id][facet].append(code)
    return found


def _interest_counts(session: Session, ids: Iterable[int]) -> dict[int, int]:
    wanted = list(ids)
    if not wanted:
        return {}
    stmt = (
        select(ExpressionOfInterest.post_id, func.count().label("interests"))
        .where(
            and_(
                ExpressionOfInterest.post_id.in_(wanted),
                ExpressionOfInterest.status != InterestStatus.WITHDRAWN,
            )
        )
        .group_by(ExpressionOfInterest.post_id)
    )
    return {row.post_id: row.interests for row in session.execute(stmt)}
