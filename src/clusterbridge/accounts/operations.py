"""Every account operation the web and the CLI call, in one namespace.

Each operation works in the caller's transaction (``with transaction() as session``, or the
request's session followed by a commit), writes its audit entry there, and raises a
:class:`~clusterbridge.core.errors.ClusterBridgeError` with a message to act on. The
operations live in modules by subject; this module gathers them and adds the ones that
combine several.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from clusterbridge.accounts.access_requests import (
    decide_access_request,
    pending_access_requests,
    request_access,
)
from clusterbridge.accounts.api_tokens import api_tokens_of, create_api_token, revoke_api_token
from clusterbridge.accounts.invitations import accept_invitation, invite, open_invitation
from clusterbridge.accounts.models import Role, User
from clusterbridge.accounts.password_resets import (
    open_reset,
    request_password_reset,
    reset_password,
)
from clusterbridge.accounts.roles import Scope, grant_role, revoke_role, scope_from_external_ids
from clusterbridge.accounts.sessions import end_session, sign_in, start_session
from clusterbridge.accounts.users import (
    authenticate,
    change_password,
    create_user,
    find_user,
    get_user,
)


def create_admin(session: Session, *, email: str, name: str, password: str) -> User:
    """A platform administrator: the first account of a new installation (from the CLI)."""
    user = create_user(session, email=email, name=name, password=password)
    grant_role(session, user, Role.PLATFORM_ADMIN, Scope(), by=None)
    return user


__all__ = [
    "Scope",
    "accept_invitation",
    "api_tokens_of",
    "authenticate",
    "change_password",
    "create_admin",
    "create_api_token",
    "create_user",
    "decide_access_request",
    "end_session",
    "find_user",
    "get_user",
    "grant_role",
    "invite",
    "open_invitation",
    "open_reset",
    "pending_access_requests",
    "request_access",
    "request_password_reset",
    "reset_password",
    "revoke_api_token",
    "revoke_role",
    "scope_from_external_ids",
    "sign_in",
    "start_session",
]
