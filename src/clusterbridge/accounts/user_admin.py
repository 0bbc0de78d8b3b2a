"""Administering users within a scope: whom a manager sees, and disabling or enabling accounts.

A programme or cluster manager administers the users who hold roles in what they manage;
platform administrators administer everyone. Whether a manager may touch a given role is
:func:`roles.may_give` (``permissions.can`` with ``MANAGE_USERS`` on the role's scope), so
these pages decide nothing on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, false, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clusterbridge.accounts.errors import NotAllowed, invalid
from clusterbridge.accounts.models import AccountStatus, RoleGrant, User
from clusterbridge.accounts.permissions import Action, Principal, can
from clusterbridge.accounts.queries import GrantView, scope_labels
from clusterbridge.accounts.roles import Scope, may_give
from clusterbridge.accounts.scopes import principal_for
from clusterbridge.accounts.users import actor_name, end_user_sessions
from clusterbridge.core.audit import record
from clusterbridge.core.errors import Conflict, NotFound
from clusterbridge.core.pages import Page
from clusterbridge.registry.models import Cluster, Membership

USERS_PER_PAGE = 25


@dataclass(frozen=True)
class UserRow:
    id: int
    email: str
    name: str
    status: AccountStatus
    grants: tuple[GrantView, ...]


def reach_clusters(principal: Principal) -> ColumnElement[bool]:
    """The clusters a manager's scope covers: their own and those of their programmes."""
    return or_(Cluster.id.in_(principal.clusters), Cluster.programme_id.in_(principal.programmes))


def grants_in_reach(principal: Principal) -> ColumnElement[bool]:
    """Role grants on the scopes a manager covers (all of them for administrators). The same
    ground as ``MANAGE_USERS``: their programmes, the clusters in them or managed, those
    clusters' organisations, and the current members of their programmes' clusters."""
    if can(principal, Action.MANAGE_PLATFORM):
        return RoleGrant.id.is_not(None)
    if not principal.programmes and not principal.clusters:
        return false()
    clusters = select(Cluster.id).where(reach_clusters(principal))
    cluster_orgs = select(Cluster.organisation_id).where(reach_clusters(principal))
    today = date.today()
    members = (
        select(Membership.organisation_id)
        .join(Cluster, Membership.cluster_id == Cluster.id)
        .where(Cluster.programme_id.in_(principal.programmes))
        .where(or_(Membership.until.is_(None), Membership.until >= today))
    )
    return or_(
        RoleGrant.programme_id.in_(principal.programmes),
        RoleGrant.cluster_id.in_(clusters),
        RoleGrant.organisation_id.in_(cluster_orgs),
        RoleGrant.organisation_id.in_(members),
    )


def _users_condition(principal: Principal, search: str | None) -> ColumnElement[bool]:
    condition: ColumnElement[bool] = User.id.is_not(None)
    if not can(principal, Action.MANAGE_PLATFORM):
        condition = User.id.in_(select(RoleGrant.user_id).where(grants_in_reach(principal)))
    for word in (search or "").split():
        matches = User.email.icontains(word, autoescape=True)
        condition = condition & (matches | User.name.icontains(word, autoescape=True))
    return condition


def list_users_in_reach(
    session: Session, principal: Principal, search: str | None = None, page: int = 1
) -> Page[UserRow]:
    """Users the principal administers, by e-mail address, with their grants in reach (four
    statements whatever the page size)."""
    condition = _users_condition(principal, search)
    total = session.scalar(select(func.count()).select_from(User).where(condition)) or 0
    users = list(
        session.scalars(
            select(User)
            .where(condition)
            .order_by(User.email)
            .offset((page - 1) * USERS_PER_PAGE)
            .limit(USERS_PER_PAGE)
        )
    )
    grants = visible_grants(session, principal, [user.id for user in users])
    rows = tuple(
        UserRow(u.id, u.email, u.name, u.status, tuple(grants.get(u.id, []))) for u in users
    )
    return Page(rows, total, page, USERS_PER_PAGE)


def visible_grants(
    session: Session, principal: Principal, user_ids: list[int]
) -> dict[int, list[GrantView]]:
    """The grants of these users that fall in the principal's reach, with readable scopes."""
    if not user_ids:
        return {}
    query = (
        select(RoleGrant)
        .where(RoleGrant.user_id.in_(user_ids), grants_in_reach(principal))
        .order_by(RoleGrant.id)
    )
    grants = list(session.scalars(query))
    labels = scope_labels(session, (Scope.of(grant) for grant in grants))
    views: dict[int, list[GrantView]] = {}
    for grant in grants:
        scope = Scope.of(grant)
        views.setdefault(grant.user_id, []).append(
            GrantView(grant.id, grant.role, scope, labels[scope])
        )
    return views


def may_manage_account(session: Session, principal: Principal, user: User) -> bool:
    """Disabling an account ends every role of the user, so it takes being allowed to give
    each of them: administrators always, managers when all the user's roles are theirs."""
    if can(principal, Action.MANAGE_PLATFORM):
        return True
    grants = list(user.grants)
    return bool(grants) and all(
        may_give(session, principal, grant.role, Scope.of(grant)) for grant in grants
    )


def set_account_status(
    session: Session, user_id: int, status: AccountStatus, expected_version: int, by: int
) -> User:
    """Disable an active account (signing it out everywhere) or enable a disabled one."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"There is no user with id {user_id}.")
    if user_id == by:
        raise invalid("status", "You cannot disable or enable your own account.")
    if not may_manage_account(session, principal_for(session, by), user):
        raise NotAllowed("This user also holds roles outside what you manage.")
    if user.version != expected_version:
        raise Conflict("This account was changed meanwhile; nothing was saved. Reload the page.")
    if AccountStatus.PENDING in (user.status, status):
        raise invalid("status", "An account waiting for approval is decided by its request.")
    if user.status is status:
        raise invalid("status", f"The account is {status.value} already.")
    before = user.status
    user.status = status
    try:
        session.flush()
    except StaleDataError:
        raise Conflict("This account was changed meanwhile; nothing was saved.") from None
    if status is AccountStatus.DISABLED:
        end_user_sessions(session, user_id)
    action = "disabled" if status is AccountStatus.DISABLED else "enabled"
    record(
        session,
        actor=actor_name(by),
        action=f"accounts.user.{action}",
        entity="user",
        entity_id=user_id,
        before={"status": before.value},
        after={"status": status.value},
    )
    return user
