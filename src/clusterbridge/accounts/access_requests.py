"""Access requests: someone signs up asking for a role; an administrator or a manager whose
scope covers the role decides. Until then the account waits (status pending)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from clusterbridge.accounts import passwords, ratelimit, users
from clusterbridge.accounts.errors import Checks, NotAllowed
from clusterbridge.accounts.mail import link, queue_email
from clusterbridge.accounts.models import AccessRequest, AccountStatus, Role, RoleGrant, User
from clusterbridge.accounts.permissions import Principal
from clusterbridge.accounts.queries import scope_labels
from clusterbridge.accounts.roles import (
    ROLE_LABELS,
    Scope,
    check_scope,
    grant_role,
    may_give,
    require_may_give,
    scope_target,
)
from clusterbridge.accounts.scopes import principal_for
from clusterbridge.core.audit import record
from clusterbridge.core.errors import Conflict, NotFound
from clusterbridge.core.models import utcnow

MAX_MESSAGE = 2000
REQUESTABLE = tuple(role for role in Role if role is not Role.PLATFORM_ADMIN)
DECISIONS_PATH = "/admin/access-requests"


@dataclass(frozen=True)
class PendingRequest:
    id: int
    email: str
    name: str
    role: Role
    scope: Scope
    scope_label: str
    message: str | None
    created_at: datetime

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


def validate_request(
    email: str, name: str, password: str, role: Role, scope: Scope, message: str | None
) -> tuple[str, str]:
    """Every problem of a request at once (the cleaned e-mail address and name if none)."""
    checks = Checks()
    clean_email = checks.run(lambda: users.normalise_email(email))
    clean_name = checks.run(lambda: users.clean_name(name))
    checks.run(lambda: passwords.check_password(password, email=clean_email))
    if role not in REQUESTABLE:
        checks.add("role", "Choose a role you can ask for.")
    else:
        checks.run(lambda: check_scope(role, scope))
    if message and len(message) > MAX_MESSAGE:
        checks.add("message", f"Use at most {MAX_MESSAGE} characters.")
    checks.raise_any()
    assert clean_email is not None
    assert clean_name is not None
    return clean_email, clean_name


def request_access(
    session: Session,
    *,
    email: str,
    name: str,
    password: str,
    role: Role,
    scope: Scope,
    message: str | None,
    client: str | None = None,
) -> AccessRequest | None:
    """Ask for an account with ``role`` on ``scope``: a pending user and a request, with
    e-mails to the requester and to everyone who may decide. An address that already has an
    account gets a warning e-mail instead, and the caller sees the same outcome (None), so
    the form does not tell strangers which addresses have accounts."""
    email, name = validate_request(email, name, password, role, scope, message)
    if client is not None:
        ratelimit.count_attempt(session, ratelimit.SIGNUP_PER_CLIENT, client)
    scope_target(session, scope)  # the chosen record must exist
    if users.find_user(session, email) is not None:
        passwords.hash_password(password)  # the time a new account would take
        _already_registered_email(session, email)
        return None
    user = users.create_user(
        session,
        email=email,
        name=name,
        password=password,
        status=AccountStatus.PENDING,
        self_service=True,
    )
    request = _add_request(session, user, role, scope, message)
    _request_emails(session, user, request)
    return request


def _add_request(
    session: Session, user: User, role: Role, scope: Scope, message: str | None
) -> AccessRequest:
    text = (message or "").strip() or None
    request = AccessRequest(user_id=user.id, role=role, message=text, **scope.columns())
    session.add(request)
    session.flush()
    record(
        session,
        actor=users.actor_name(user.id),
        action="accounts.access.requested",
        entity="access_request",
        entity_id=request.id,
        after={"user_id": user.id, "role": role.value, **scope.columns()},
    )
    return request


def _already_registered_email(session: Session, email: str) -> None:
    body = (
        "Someone asked for a ClusterBridge account with this e-mail address, which already "
        f"has one.\n\nIf it was you, sign in at {link('/login')} or choose a new password at "
        f"{link('/password-reset')}.\n\nIf it was not you, ignore this message."
    )
    queue_email(session, email, "Your ClusterBridge account", body)


def _request_emails(session: Session, user: User, request: AccessRequest) -> None:
    scope = Scope.of(request)
    what = f"{ROLE_LABELS[request.role]} ({scope_labels(session, [scope])[scope]})"
    queue_email(
        session,
        user.email,
        "Your request for a ClusterBridge account",
        f"We received your request to join as {what}.\n\nYou will get an e-mail once it "
        "has been decided; until then you cannot sign in.",
    )
    body = (
        f"{user.name} <{user.email}> asks to join as {what}.\n\n"
        f"Message: {request.message or '(none)'}\n\nDecide at {link(DECISIONS_PATH)}"
    )
    for decider in deciders(session, request.role, scope):
        queue_email(session, decider.email, f"Access request: {what}", body)


def deciders(session: Session, role: Role, scope: Scope) -> list[User]:
    """The active users who may decide a request for ``role`` on ``scope``."""
    target = scope_target(session, scope)
    programmes = set(target.in_programmes)
    if target.programme_id is not None:
        programmes.add(target.programme_id)
    clusters = set(target.member_of_clusters)
    if target.cluster_id is not None:
        clusters.add(target.cluster_id)
    conditions = [RoleGrant.role == Role.PLATFORM_ADMIN]
    if programmes:
        conditions.append(
            and_(RoleGrant.role == Role.PROGRAMME_MANAGER, RoleGrant.programme_id.in_(programmes))
        )
    if clusters:
        conditions.append(
            and_(RoleGrant.role == Role.CLUSTER_MANAGER, RoleGrant.cluster_id.in_(clusters))
        )
    candidates = session.scalars(
        select(User)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .where(or_(*conditions), User.status == AccountStatus.ACTIVE)
        .distinct()
        .order_by(User.id)
    )
    return [u for u in candidates if may_give(session, principal_for(session, u.id), role, scope)]


def decide_access_request(
    session: Session, request_id: int, *, approve: bool, decided_by: int | None
) -> AccessRequest:
    """Approve (activate the account and grant the role) or reject a request. ``decided_by``
    must be allowed to give the role on the request's scope (None: the CLI)."""
    request = session.get(AccessRequest, request_id)
    if request is None:
        raise NotFound(f"no access request with id {request_id}")
    if request.decided_at is not None:
        raise Conflict(f"access request {request_id} has already been decided")
    scope = Scope.of(request)
    try:
        require_may_give(session, decided_by, request.role, scope)
    except NotAllowed:
        raise NotAllowed(
            "This request is outside the programmes and clusters you manage."
        ) from None
    user = session.get(User, request.user_id)
    assert user is not None  # the foreign key cascades
    request.decided_by_id, request.decided_at, request.approved = decided_by, utcnow(), approve
    if approve:
        if user.status is AccountStatus.PENDING:
            user.status = AccountStatus.ACTIVE
        grant_role(session, user, request.role, scope, decided_by)
    elif user.status is AccountStatus.PENDING:
        user.status = AccountStatus.DISABLED
    record(
        session,
        actor=users.actor_name(decided_by),
        action="accounts.access.approved" if approve else "accounts.access.rejected",
        entity="access_request",
        entity_id=request.id,
        after={"user_id": user.id, "role": request.role.value, "approved": approve},
    )
    _decision_email(session, user, request)
    session.flush()
    return request


def _decision_email(session: Session, user: User, request: AccessRequest) -> None:
    role = ROLE_LABELS[request.role]
    if request.approved:
        subject = "Your ClusterBridge account is ready"
        body = f"Your request to join as {role} was approved. Sign in at {link('/login')}."
    else:
        subject = "Your request for a ClusterBridge account"
        body = f"Your request to join as {role} was not approved."
    queue_email(session, user.email, subject, body)


def pending_access_requests(
    session: Session, principal: Principal | None = None, limit: int = 500
) -> list[PendingRequest]:
    """Undecided requests, oldest first; with ``principal``, only those they may decide."""
    rows: list[tuple[AccessRequest, User]] = [
        (r, u)
        for r, u in session.execute(
            select(AccessRequest, User)
            .join(User, User.id == AccessRequest.user_id)
            .where(AccessRequest.decided_at.is_(None))
            .order_by(AccessRequest.id)
            .limit(limit)
        )
    ]
    if principal is not None and not principal.is_admin:
        rows = [(r, u) for r, u in rows if may_give(session, principal, r.role, Scope.of(r))]
    labels = scope_labels(session, (Scope.of(r) for r, _ in rows))
    return [
        PendingRequest(
            r.id, u.email, u.name, r.role, Scope.of(r), labels[Scope.of(r)], r.message, r.created_at
        )
        for r, u in rows
    ]
