"""Signing in as any role in tests, without going through the login form."""

from __future__ import annotations

import secrets
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clusterbridge.accounts.models import AccountStatus, Role, RoleGrant, User, WebSession
from clusterbridge.accounts.scopes import token_hash
from clusterbridge.core.db import transaction
from clusterbridge.core.models import utcnow
from clusterbridge.web.auth import SESSION_COOKIE


def make_user(
    engine: Engine,
    email: str,
    role: Role | None = None,
    *,
    programme_id: int | None = None,
    cluster_id: int | None = None,
    organisation_id: int | None = None,
) -> int:
    """An active user with one role grant (or none); returns the user id."""
    with transaction(engine) as session:
        user = User(email=email, name=email.split("@")[0], status=AccountStatus.ACTIVE)
        session.add(user)
        session.flush()
        if role is not None:
            session.add(
                RoleGrant(
                    user_id=user.id,
                    role=role,
                    programme_id=programme_id,
                    cluster_id=cluster_id,
                    organisation_id=organisation_id,
                )
            )
        return user.id


def sign_in(client: TestClient, engine: Engine, user_id: int) -> str:
    """Give ``client`` a session cookie for ``user_id``; returns the session's CSRF token."""
    cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with transaction(engine) as session:
        session.add(
            WebSession(
                user_id=user_id,
                token_hash=token_hash(cookie),
                csrf_token=csrf,
                expires_at=utcnow() + timedelta(hours=1),
                last_seen_at=utcnow(),
            )
        )
    client.cookies.set(SESSION_COOKIE, cookie)
    return csrf
