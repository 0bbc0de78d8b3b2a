"""Rate limits on sign-in, password resets, sign-ups and API-token creation.

Attempts are rows of ``rate_limit_hits``, so every web worker sees the same counts. Buckets
name the kind of attempt and a hash of its key (an e-mail address, a client address, a user):
the table holds no personal data in clear, and rows older than a day are purged.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clusterbridge.accounts.errors import RateLimited
from clusterbridge.accounts.models import RateLimitHit
from clusterbridge.core.models import utcnow

logger = logging.getLogger("clusterbridge.accounts")

KEEP_HITS = timedelta(days=1)
"""Longer than any window below."""


@dataclass(frozen=True)
class Limit:
    """At most ``limit`` attempts of one kind per key within ``window``."""

    kind: str
    limit: int
    window: timedelta

    def bucket(self, key: str) -> str:
        digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]
        return f"{self.kind}:{digest}"


LOGIN_PER_EMAIL = Limit("login-email", 5, timedelta(minutes=15))
"""Failed sign-ins per e-mail address: stops guessing one person's password."""
LOGIN_PER_CLIENT = Limit("login-client", 20, timedelta(minutes=15))
"""Failed sign-ins per client address: stops trying one password on many addresses."""
RESET_PER_EMAIL = Limit("reset-email", 3, timedelta(hours=1))
RESET_PER_CLIENT = Limit("reset-client", 10, timedelta(hours=1))
SIGNUP_PER_CLIENT = Limit("signup-client", 10, timedelta(hours=1))
API_TOKENS_PER_USER = Limit("api-token-user", 10, timedelta(hours=1))


def _count(session: Session, bucket: str, since: datetime) -> int:
    query = select(func.count()).where(RateLimitHit.bucket == bucket, RateLimitHit.at > since)
    return session.scalar(query) or 0


def exceeded(session: Session, bucket: str, limit: int, window: timedelta) -> bool:
    """Whether ``bucket`` already holds ``limit`` attempts within ``window`` (records nothing)."""
    return _count(session, bucket, utcnow() - window) >= limit


def record(session: Session, bucket: str) -> None:
    """Count one attempt, and purge attempts too old to matter to any limit."""
    now = utcnow()
    session.execute(delete(RateLimitHit).where(RateLimitHit.at < now - KEEP_HITS))
    session.add(RateLimitHit(bucket=bucket, at=now))
    session.flush()


def hit(session: Session, bucket: str, limit: int, window: timedelta) -> bool:
    """Count one attempt; False when it is over the limit (it is then not counted, so waiting
    the window out always works)."""
    if exceeded(session, bucket, limit, window):
        return False
    record(session, bucket)
    return True


def retry_after(session: Session, bucket: str, window: timedelta) -> int:
    """Seconds until the oldest attempt in the window leaves it, freeing one attempt."""
    now = utcnow()
    oldest = session.scalar(
        select(func.min(RateLimitHit.at)).where(
            RateLimitHit.bucket == bucket, RateLimitHit.at > now - window
        )
    )
    if oldest is None:
        return 1
    if oldest.tzinfo is None:  # SQLite returns aggregates without the column's type
        oldest = oldest.replace(tzinfo=now.tzinfo)
    return max(1, int((oldest + window - now).total_seconds()) + 1)


def ensure_within(session: Session, limit: Limit, key: str) -> None:
    """Raise :class:`RateLimited` if ``key`` has used up ``limit`` (records nothing)."""
    bucket = limit.bucket(key)
    if exceeded(session, bucket, limit.limit, limit.window):
        logger.warning("rate limit %s reached (bucket %s)", limit.kind, bucket)
        raise RateLimited(retry_after(session, bucket, limit.window))


def count_attempt(session: Session, limit: Limit, key: str) -> None:
    """Count an attempt against ``limit``, or raise :class:`RateLimited` if none is left."""
    bucket = limit.bucket(key)
    if not hit(session, bucket, limit.limit, limit.window):
        logger.warning("rate limit %s reached (bucket %s)", limit.kind, bucket)
        raise RateLimited(retry_after(session, bucket, limit.window))
