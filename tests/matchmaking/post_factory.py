"""Posts and expressions of interest in a line each, for the posts tests (operations, pages,
API); each helper runs its own transaction through the real operations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import func, select

from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.matchmaking.posts import operations as ops
from clusterbridge.matchmaking.posts.models import PostType
from clusterbridge.registry.queries.common import today_utc


def in_days(days: int) -> date:
    return today_utc() + timedelta(days=days)


def post(
    organisation_id: int,
    title: str = "Battery modules for light vehicles",
    post_type: PostType = PostType.TECHNOLOGY_REQUEST,
    *,
    description: str = "We look for a supplier of battery modules and management systems.",
    industries: Sequence[str] = ("29.10",),
    technologies: Sequence[str] = ("battery-technology",),
    countries: Sequence[str] = ("KR",),
    kinds: Sequence[str] = ("company",),
    expires_on: date | None = None,
    author_id: int | None = None,
) -> int:
    values = ops.PostInput(
        organisation_id=organisation_id,
        post_type=post_type,
        title=title,
        description=description,
        expires_on=expires_on or in_days(60),
        industries=industries,
        technologies=technologies,
        countries=countries,
        kinds=kinds,
        author_id=author_id,
    )
    with transaction() as session:
        return ops.create_post(session, values, actor_id=author_id).id


def interest(post_id: int, organisation_id: int, message: str = "We make such modules.") -> int:
    with transaction() as session:
        return ops.express_interest(session, post_id, organisation_id, message, actor_id=None).id


POST = "partner_post"
INTEREST = "expression_of_interest"


def audit_actions(entity: str | None = None, entity_id: int | None = None) -> list[str]:
    """The ``posts.*`` audit actions in order (of one record when ``entity`` and
    ``entity_id`` are given)."""
    with transaction() as session:
        query = select(AuditEntry.action).where(AuditEntry.action.like("posts.%"))
        if entity is not None:
            query = query.where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        return list(session.scalars(query.order_by(AuditEntry.id)))


def audit_count(action: str) -> int:
    with transaction() as session:
        query = select(func.count()).where(AuditEntry.action == action)
        return session.scalar(query) or 0
