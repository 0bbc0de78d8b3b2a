"""Account tables: users, role grants, invitations, access requests, sessions, tokens, outbox.

Secrets (session cookies, API tokens, invitation and reset links) are stored only as SHA-256
hashes, so a copy of the database does not let anyone sign in.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from clusterbridge.core.models import Base, UTCDateTime, utcnow
from clusterbridge.registry.models import Timestamped, Versioned, enum_column


class Role(enum.StrEnum):
    """Roles, each granted on a scope (a programme, a cluster, an organisation) or globally."""

    PLATFORM_ADMIN = "platform_admin"
    PROGRAMME_MANAGER = "programme_manager"
    CLUSTER_MANAGER = "cluster_manager"
    MEMBER_REPRESENTATIVE = "member_representative"
    EVENT_ORGANISER = "event_organiser"


class AccountStatus(enum.StrEnum):
    PENDING = "pending"
    """Asked for an account; waits for approval."""
    ACTIVE = "active"
    DISABLED = "disabled"


class User(Versioned, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    """Stored lower-case."""
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[AccountStatus] = mapped_column(enum_column(AccountStatus))
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    grants: Mapped[list[RoleGrant]] = relationship(
        back_populates="user", cascade="all, delete-orphan", foreign_keys="RoleGrant.user_id"
    )


class RoleGrant(Base):
    """A role given to a user; the scope columns say where it applies (all empty: everywhere,
    which only makes sense for platform administrators and event organisers)."""

    __tablename__ = "role_grants"
    __table_args__ = (
        UniqueConstraint("user_id", "role", "programme_id", "cluster_id", "organisation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id"))
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="grants", foreign_keys=[user_id])


class Invitation(Timestamped, Base):
    """An invitation to join with a role; accepting it creates or activates the account."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id"))
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AccessRequest(Timestamped, Base):
    """Someone asked for an account with a role; an administrator or manager decides."""

    __tablename__ = "access_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id"))
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    message: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved: Mapped[bool | None] = mapped_column(Boolean)


class PasswordReset(Base):
    __tablename__ = "password_resets"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ApiToken(Base):
    """A token for the REST API (``Authorization: Bearer <token>``), acting as its user."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(12))
    """The first characters of the token, shown so users can tell their tokens apart."""
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebSession(Base):
    """A signed-in browser: the cookie holds a random token, the table its hash."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboxEmail(Base):
    """E-mail waiting to be sent: the embedded default only writes here and to the log."""

    __tablename__ = "outbox_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    to: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RateLimitHit(Base):
    """One attempt counted against a rate limit (login, token, reset), kept in the database so
    the limit holds across several web workers."""

    __tablename__ = "rate_limit_hits"
    __table_args__ = (Index("ix_rate_limit_hits_bucket_at", "bucket", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bucket: Mapped[str] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
