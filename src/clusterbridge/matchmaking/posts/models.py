"""Partner-search posts (an organisation's offer or request, open until it expires or is closed)
and the expressions of interest other organisations send in answer.

A post's list-valued fields (industries, technologies, target countries, partner kinds sought)
are child rows of :class:`PostTag`, one per code, like an organisation's codes, so every filter
is an indexed ``EXISTS`` on both SQLite and PostgreSQL.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clusterbridge.core.models import Base, UTCDateTime
from clusterbridge.registry.models import Organisation, Timestamped, Versioned, enum_column
from clusterbridge.registry.search import fold


class PostType(enum.StrEnum):
    TECHNOLOGY_OFFER = "technology_offer"
    TECHNOLOGY_REQUEST = "technology_request"
    BUSINESS_OFFER = "business_offer"
    BUSINESS_REQUEST = "business_request"
    RD_PARTNER_SEARCH = "rd_partner_search"


class PostStatus(enum.StrEnum):
    OPEN = "open"
    """Published; still only *open* (see :meth:`PartnerPost.is_open`) until it expires."""
    CLOSED = "closed"


class InterestStatus(enum.StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class PostFacet(enum.StrEnum):
    """The list-valued fields of a post, each kept as tags."""

    INDUSTRY = "industry"
    """NACE codes ('29.10', '27', 'C')."""
    TECHNOLOGY = "technology"
    """Technology vocabulary slugs ('battery-technology')."""
    COUNTRY = "country"
    """Target countries, ISO 3166-1 alpha-2."""
    KIND = "kind"
    """Partner kinds sought, ``OrganisationKind`` values."""


class PartnerPost(Versioned, Base):
    """What an organisation offers or looks for, who it wants to hear from, and until when."""

    __tablename__ = "partner_posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    """The user who wrote it (None when made from the command line)."""
    post_type: Mapped[PostType] = mapped_column(enum_column(PostType), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    expires_on: Mapped[date] = mapped_column(Date, index=True)
    """The last day the post is open."""
    status: Mapped[PostStatus] = mapped_column(
        enum_column(PostStatus), default=PostStatus.OPEN, index=True
    )
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    """Title and description folded (case and accents removed) for word search."""

    organisation: Mapped[Organisation] = relationship()
    tags: Mapped[list[PostTag]] = relationship(
        back_populates="post", cascade="all, delete-orphan", order_by="PostTag.id"
    )

    def codes(self, facet: PostFacet) -> tuple[str, ...]:
        """The post's codes of one facet, sorted."""
        return tuple(sorted(tag.code for tag in self.tags if tag.facet is facet))

    def is_open(self, today: date) -> bool:
        """Open means not closed and not past its expiry date."""
        return self.status is PostStatus.OPEN and self.expires_on >= today


class PostTag(Base):
    """One code of a post's list-valued field."""

    __tablename__ = "partner_post_tags"
    __table_args__ = (
        UniqueConstraint("post_id", "facet", "code"),
        Index("ix_partner_post_tags_facet_code", "facet", "code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("partner_posts.id", ondelete="CASCADE"))
    facet: Mapped[PostFacet] = mapped_column(enum_column(PostFacet))
    code: Mapped[str] = mapped_column(String(60))

    post: Mapped[PartnerPost] = relationship(back_populates="tags")


class ExpressionOfInterest(Timestamped, Base):
    """An organisation telling a post's author it is interested; one per organisation and post
    (a withdrawn one is sent again rather than duplicated)."""

    __tablename__ = "expressions_of_interest"
    __table_args__ = (UniqueConstraint("post_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("partner_posts.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[InterestStatus] = mapped_column(
        enum_column(InterestStatus), default=InterestStatus.SENT
    )
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    post: Mapped[PartnerPost] = relationship()
    organisation: Mapped[Organisation] = relationship()


def post_search_text(title: str | None, description: str | None) -> str:
    """The folded words a text search looks in."""
    return fold(" ".join(part for part in (title, description) if part))


@event.listens_for(PartnerPost, "before_insert")
@event.listens_for(PartnerPost, "before_update")
def _refresh_search_text(_mapper: Any, _connection: Any, post: PartnerPost) -> None:
    post.search_text = post_search_text(post.title, post.description)
