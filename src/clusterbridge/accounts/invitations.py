"""Invitations: a manager invites someone by e-mail to a role; the link creates the account
(or adds the role to an existing one). Links are single use and last a week."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.accounts import users
from clusterbridge.accounts.errors import InvalidLink, NotAllowed
from clusterbridge.accounts.mail import link, queue_email
from clusterbridge.accounts.models import AccountStatus, Invitation, Role, User
from clusterbridge.accounts.queries import scope_labels
from clusterbridge.accounts.roles import ROLE_LABELS, Scope, grant_role, require_may_give
from clusterbridge.accounts.tokens import new_secret, token_hash
from clusterbridge.core.audit import record
from clusterbridge.core.models import utcnow

INVITATION_LIFETIME = timedelta(days=7)


def invitation_path(token: str) -> str:
    return f"/invitations/{token}"


def _invitation_email(session: Session, invitation: Invitation, token: str) -> None:
    scope = Scope.of(invitation)
    where = scope_labels(session, [scope])[scope]
    role = ROLE_LABELS[invitation.role]
    body = (
        f"You are invited to ClusterBridge as {role} ({where}).\n\n"
        f"Accept the invitation within 7 days:\n{link(invitation_path(token))}\n\n"
        "If you did not expect this invitation, ignore this message."
    )
    queue_email(session, invitation.email, f"Invitation to ClusterBridge: {role}", body)


def invite(
    session: Session, *, email: str, role: Role, scope: Scope, invited_by: int | None
) -> tuple[Invitation, str]:
    """Invite ``email`` to ``role`` on ``scope`` and e-mail the link; returns the invitation
    and its secret token (for the CLI to print). ``invited_by`` must be allowed to give the
    role there (None: the CLI)."""
    email = users.normalise_email(email)
    require_may_give(session, invited_by, role, scope)
    token = new_secret()
    invitation = Invitation(
        email=email,
        role=role,
        token_hash=token_hash(token),
        invited_by_id=invited_by,
        expires_at=utcnow() + INVITATION_LIFETIME,
        **scope.columns(),
    )
    session.add(invitation)
    session.flush()
    record(
        session,
        actor=users.actor_name(invited_by),
        action="accounts.user.invited",
        entity="invitation",
        entity_id=invitation.id,
        after={"email": email, "role": role.value, **scope.columns()},
    )
    _invitation_email(session, invitation, token)
    return invitation, token


def open_invitation(session: Session, token: str) -> Invitation:
    """The invitation of a link, if it can still be accepted."""
    invitation = session.scalars(
        select(Invitation).where(Invitation.token_hash == token_hash(token))
    ).first()
    if invitation is None or invitation.accepted_at is not None:
        raise InvalidLink("This invitation link is not valid or has already been used.")
    if invitation.expires_at <= utcnow():
        raise InvalidLink("This invitation has expired; ask for a new one.")
    return invitation


def invited_account(session: Session, invitation: Invitation) -> User | None:
    """The active account of the invited address, if any: it keeps its name and password and
    only gains the role (so the acceptance form asks for neither)."""
    user = users.find_user(session, invitation.email)
    return user if user is not None and user.status is AccountStatus.ACTIVE else None


def accept_invitation(session: Session, token: str, *, name: str, password: str) -> User:
    """Accept: a new account gets ``name`` and ``password``; an existing active one keeps its
    own and gains the role. A waiting (pending) account is activated with the new password."""
    invitation = open_invitation(session, token)
    user = users.find_user(session, invitation.email)
    if user is None:
        user = users.create_user(
            session, email=invitation.email, name=name, password=password, self_service=True
        )
    elif user.status is AccountStatus.PENDING:
        user.name = users.clean_name(name)
        users.set_password(session, user, password)
        user.status = AccountStatus.ACTIVE
    elif user.status is AccountStatus.DISABLED:
        raise InvalidLink("This account is disabled; contact a platform administrator.")
    invitation.accepted_at = utcnow()
    try:  # the inviter gives the role, and must still be allowed to
        grant_role(session, user, invitation.role, Scope.of(invitation), invitation.invited_by_id)
    except NotAllowed:
        raise InvalidLink("Whoever invited you can no longer give this role; ask again.") from None
    record(
        session,
        actor=users.actor_name(user.id),
        action="accounts.invitation.accepted",
        entity="invitation",
        entity_id=invitation.id,
        after={"user_id": user.id, "role": invitation.role.value},
    )
    return user
