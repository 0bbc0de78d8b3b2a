"""Read-only views of accounts for pages and the CLI: users, their roles, readable scopes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from clusterbridge.accounts.models import AccountStatus, Role, RoleGrant, User
from clusterbridge.accounts.roles import ROLE_LABELS, Scope
from clusterbridge.registry.models import Cluster, Organisation, Programme

WHOLE_PLATFORM = "whole platform"


@dataclass(frozen=True)
class GrantView:
    id: int
    role: Role
    scope: Scope
    scope_label: str

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


@dataclass(frozen=True)
class UserSummary:
    id: int
    email: str
    name: str
    status: AccountStatus
    last_login_at: datetime | None
    grants: list[GrantView]


def _cluster_label(name: str, acronym: str | None) -> str:
    return f"{name} ({acronym})" if acronym else name


def scope_labels(session: Session, scopes: Iterable[Scope]) -> dict[Scope, str]:
    """A readable name for each scope ("Catalonia Clusters Programme", a cluster's name and
    acronym...), in one query per kind of scope whatever the number of scopes."""
    scopes = set(scopes)
    programmes = {s.programme_id for s in scopes if s.programme_id is not None}
    clusters = {s.cluster_id for s in scopes if s.cluster_id is not None}
    organisations = {s.organisation_id for s in scopes if s.organisation_id is not None}
    names: dict[tuple[str, int], str] = {}
    if programmes:
        rows = session.execute(
            select(Programme.id, Programme.name).where(Programme.id.in_(programmes))
        )
        names.update({("programme", id_): name for id_, name in rows})
    if clusters:
        query = select(Cluster.id, Organisation.name, Cluster.acronym).join(
            Organisation, Cluster.organisation_id == Organisation.id
        )
        rows3 = session.execute(query.where(Cluster.id.in_(clusters)))
        names.update({("cluster", id_): _cluster_label(n, a) for id_, n, a in rows3})
    if organisations:
        rows = session.execute(
            select(Organisation.id, Organisation.name).where(Organisation.id.in_(organisations))
        )
        names.update({("organisation", id_): name for id_, name in rows})
    return {scope: _label(scope, names) for scope in scopes}


def _label(scope: Scope, names: dict[tuple[str, int], str]) -> str:
    kind = scope.kind
    if kind is None:
        return WHOLE_PLATFORM
    id_ = scope.columns()[f"{kind}_id"]
    assert id_ is not None
    return names.get((kind, id_), f"{kind} {id_} (deleted)")


def _grant_views(session: Session, grants: list[RoleGrant]) -> dict[int, list[GrantView]]:
    labels = scope_labels(session, (Scope.of(g) for g in grants))
    views: dict[int, list[GrantView]] = {}
    for grant in grants:
        scope = Scope.of(grant)
        view = GrantView(grant.id, grant.role, scope, labels[scope])
        views.setdefault(grant.user_id, []).append(view)
    return views


def grants_of(session: Session, user_id: int) -> list[GrantView]:
    """A user's roles with readable scopes, in the order they were given."""
    query = select(RoleGrant).where(RoleGrant.user_id == user_id).order_by(RoleGrant.id)
    return _grant_views(session, list(session.scalars(query))).get(user_id, [])


def list_users(session: Session, limit: int = 1000) -> list[UserSummary]:
    """Users by e-mail address with their roles (three or four queries in all)."""
    users = list(session.scalars(select(User).order_by(User.email).limit(limit)))
    ids = [user.id for user in users]
    grants = session.scalars(
        select(RoleGrant).where(RoleGrant.user_id.in_(ids)).order_by(RoleGrant.id)
    )
    views = _grant_views(session, list(grants)) if ids else {}
    return [
        UserSummary(u.id, u.email, u.name, u.status, u.last_login_at, views.get(u.id, []))
        for u in users
    ]


def programme_choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every programme, for a select."""
    rows = session.execute(select(Programme.id, Programme.name).order_by(Programme.name))
    return [(id_, name) for id_, name in rows]


def cluster_choices(session: Session) -> list[tuple[int, str]]:
    """(id, "name (acronym)") of every cluster by name, for a select."""
    query = (
        select(Cluster.id, Organisation.name, Cluster.acronym)
        .join(Organisation, Cluster.organisation_id == Organisation.id)
        .order_by(Organisation.name)
    )
    return [(i, _cluster_label(n, a)) for i, n, a in session.execute(query)]


@dataclass(frozen=True)
class OrganisationMatches:
    exact: bool
    """True when the choices have exactly the name asked for; else they contain it."""
    choices: list[tuple[int, str]]
    """(id, "name (city, country)") for a select."""


def organisations_named(session: Session, text: str, limit: int = 20) -> OrganisationMatches:
    """Organisations whose name (or Latin name) is ``text`` regardless of case, or else those
    whose name contains it, so people can pick theirs without knowing any id."""
    text = " ".join(text.split())[:200]
    if not text:
        return OrganisationMatches(False, [])
    lowered = text.lower()
    exact = or_(
        func.lower(Organisation.name) == lowered, func.lower(Organisation.name_latin) == lowered
    )
    pattern = f"%{lowered.replace('%', '').replace('_', '')}%"
    partial = or_(
        func.lower(Organisation.name).like(pattern),
        func.lower(Organisation.name_latin).like(pattern),
    )
    columns = select(Organisation.id, Organisation.name, Organisation.city, Organisation.country)
    for condition, is_exact in ((exact, True), (partial, False)):
        rows = session.execute(
            columns.where(condition).order_by(Organisation.name, Organisation.id).limit(limit)
        ).all()
        if rows:
            choices = [(id_, _placed(name, city, country)) for id_, name, city, country in rows]
            return OrganisationMatches(is_exact, choices)
    return OrganisationMatches(False, [])


def _placed(name: str, city: str | None, country: str | None) -> str:
    """'Name (City, ES)': tells apart organisations of the same name."""
    place = ", ".join(part for part in (city, country) if part)
    return f"{name} ({place})" if place else name
