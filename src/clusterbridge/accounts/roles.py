"""Roles on scopes: which scope each role needs, who may give it, granting and revoking.

Whether someone may give a role is :func:`permissions.can` with ``MANAGE_USERS`` on the
role's scope; roles without a scope (administrator, event organiser) need an administrator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.accounts.errors import NotAllowed, invalid
from clusterbridge.accounts.models import Role, RoleGrant, User
from clusterbridge.accounts.permissions import Action, Principal, Target, can
from clusterbridge.accounts.scopes import (
    cluster_target,
    organisation_target,
    principal_for,
    programme_target,
)
from clusterbridge.accounts.users import actor_name
from clusterbridge.core.audit import record
from clusterbridge.core.errors import NotFound
from clusterbridge.registry.models import Cluster, Organisation, Programme

SCOPE_KIND: dict[Role, str | None] = {
    Role.PLATFORM_ADMIN: None,
    Role.PROGRAMME_MANAGER: "programme",
    Role.CLUSTER_MANAGER: "cluster",
    Role.MEMBER_REPRESENTATIVE: "organisation",
    Role.EVENT_ORGANISER: None,
}
"""The one kind of scope each role is granted on (None: the whole platform)."""

ROLE_LABELS = {
    Role.PLATFORM_ADMIN: "Platform administrator",
    Role.PROGRAMME_MANAGER: "Programme manager",
    Role.CLUSTER_MANAGER: "Cluster manager",
    Role.MEMBER_REPRESENTATIVE: "Member representative",
    Role.EVENT_ORGANISER: "Event organiser",
}


class Scoped(Protocol):
    """A row with scope columns: a grant, an invitation, an access request."""

    programme_id: int | None
    cluster_id: int | None
    organisation_id: int | None


@dataclass(frozen=True)
class Scope:
    """Where a role applies: one programme, cluster or organisation, or nothing (everywhere)."""

    programme_id: int | None = None
    cluster_id: int | None = None
    organisation_id: int | None = None

    @classmethod
    def of(cls, row: Scoped) -> Scope:
        return cls(row.programme_id, row.cluster_id, row.organisation_id)

    @property
    def kind(self) -> str | None:
        if self.programme_id is not None:
            return "programme"
        if self.cluster_id is not None:
            return "cluster"
        return "organisation" if self.organisation_id is not None else None

    def columns(self) -> dict[str, int | None]:
        return {
            "programme_id": self.programme_id,
            "cluster_id": self.cluster_id,
            "organisation_id": self.organisation_id,
        }


def check_scope(role: Role, scope: Scope, field: str = "scope") -> None:
    """Refuse a scope that does not fit the role (e.g. a cluster manager of no cluster)."""
    needed = SCOPE_KIND[role]
    set_ids = [value for value in scope.columns().values() if value is not None]
    if needed is None and set_ids:
        reason = "has no programme, cluster or organisation: the role covers the platform"
        raise invalid(field, f"A {ROLE_LABELS[role].lower()} {reason}.")
    if needed is not None and (len(set_ids) != 1 or scope.kind != needed):
        raise invalid(field, f"Choose the {needed} of the {ROLE_LABELS[role].lower()}.")


def scope_target(session: Session, scope: Scope) -> Target:
    """The permission target of a scope (raises NotFound if its record does not exist)."""
    if scope.programme_id is not None:
        return programme_target(session, scope.programme_id)
    if scope.cluster_id is not None:
        return cluster_target(session, scope.cluster_id)
    if scope.organisation_id is not None:
        return organisation_target(session, scope.organisation_id)
    return Target()


def may_give(session: Session, principal: Principal, role: Role, scope: Scope) -> bool:
    """Whether ``principal`` may give ``role`` on ``scope`` (invite, approve, grant, revoke)."""
    if SCOPE_KIND[role] is None:
        return can(principal, Action.MANAGE_PLATFORM)
    return can(principal, Action.MANAGE_USERS, scope_target(session, scope))


def require_may_give(session: Session, by: int | None, role: Role, scope: Scope) -> None:
    """Raise :class:`NotAllowed` unless ``by`` may give the role (None: the CLI, trusted)."""
    check_scope(role, scope)
    scope_target(session, scope)  # the scope's record must exist, whoever acts
    if by is not None and not may_give(session, principal_for(session, by), role, scope):
        raise NotAllowed("You may only give roles within the programmes or clusters you manage.")


def _find_grant(session: Session, user_id: int, role: Role, scope: Scope) -> RoleGrant | None:
    query = select(RoleGrant).where(RoleGrant.user_id == user_id, RoleGrant.role == role)
    for column, value in scope.columns().items():
        attribute = getattr(RoleGrant, column)
        query = query.where(attribute.is_(None) if value is None else attribute == value)
    return session.scalars(query).first()


def _audit_grant(session: Session, action: str, grant: RoleGrant, by: int | None) -> None:
    values = {"user_id": grant.user_id, "role": grant.role.value, **Scope.of(grant).columns()}
    before, after = (values, None) if action.endswith("revoked") else (None, values)
    record(
        session,
        actor=actor_name(by),
        action=action,
        entity="role_grant",
        entity_id=grant.id,
        before=before,
        after=after,
    )


def grant_role(session: Session, user: User, role: Role, scope: Scope, by: int | None) -> RoleGrant:
    """Give ``user`` the role on ``scope``; giving it again changes nothing."""
    require_may_give(session, by, role, scope)
    existing = _find_grant(session, user.id, role, scope)
    if existing is not None:
        return existing
    grant = RoleGrant(user_id=user.id, role=role, granted_by_id=by, **scope.columns())
    session.add(grant)
    session.flush()
    _audit_grant(session, "accounts.role.granted", grant, by)
    return grant


def revoke_role(session: Session, user: User, role: Role, scope: Scope, by: int | None) -> None:
    """Take the role on ``scope`` away from ``user``."""
    require_may_give(session, by, role, scope)
    grant = _find_grant(session, user.id, role, scope)
    if grant is None:
        raise NotFound(f"{user.email} has no such role to revoke")
    _audit_grant(session, "accounts.role.revoked", grant, by)
    session.delete(grant)
    session.flush()


def scope_from_external_ids(
    session: Session,
    programme: str | None = None,
    cluster: str | None = None,
    organisation: str | None = None,
) -> Scope:
    """A scope named as people know it: by external ids (a cluster by its organisation's)."""
    if len([name for name in (programme, cluster, organisation) if name]) > 1:
        raise invalid("scope", "Name one programme, cluster or organisation, not several.")
    if programme:
        found = session.scalar(select(Programme.id).where(Programme.external_id == programme))
        if found is None:
            raise NotFound(f"no programme with external id {programme!r}")
        return Scope(programme_id=found)
    if cluster:
        query = select(Cluster.id).join(Organisation, Cluster.organisation_id == Organisation.id)
        found = session.scalar(query.where(Organisation.external_id == cluster))
        if found is None:
            raise NotFound(f"no cluster whose organisation has external id {cluster!r}")
        return Scope(cluster_id=found)
    if organisation:
        found = session.scalar(
            select(Organisation.id).where(Organisation.external_id == organisation)
        )
        if found is None:
            raise NotFound(f"no organisation with external id {organisation!r}")
        return Scope(organisation_id=found)
    return Scope()
