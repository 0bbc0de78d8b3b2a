"""Resolving principals and targets from the database for :func:`permissions.can`."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.accounts.models import AccountStatus, Role, RoleGrant, User
from clusterbridge.accounts.permissions import ANONYMOUS, Principal, Target
from clusterbridge.core.errors import NotFound
from clusterbridge.registry.models import Cluster, Membership, Organisation, Programme
from clusterbridge.registry.queries.common import is_current, today_utc


def token_hash(token: str) -> str:
    """The stored form of a secret token (cookie, API token, emailed link)."""
    return hashlib.sha256(token.encode()).hexdigest()


def principal_for(session: Session, user_id: int, csrf_token: str | None = None) -> Principal:
    """The principal of an active user, with every scope of their grants resolved."""
    user = session.get(User, user_id)
    if user is None or user.status is not AccountStatus.ACTIVE:
        return ANONYMOUS
    grants = session.scalars(select(RoleGrant).where(RoleGrant.user_id == user_id)).all()
    programmes = {g.programme_id for g in grants if g.role is Role.PROGRAMME_MANAGER}
    clusters = {g.cluster_id for g in grants if g.role is Role.CLUSTER_MANAGER}
    organisations = {g.organisation_id for g in grants if g.role is Role.MEMBER_REPRESENTATIVE}
    cluster_organisations: set[int] = set()
    if clusters:
        cluster_organisations = set(
            session.scalars(select(Cluster.organisation_id).where(Cluster.id.in_(list(clusters))))
        )
    return Principal(
        user_id=user_id,
        roles=frozenset(g.role for g in grants),
        programmes=frozenset(i for i in programmes if i is not None),
        clusters=frozenset(i for i in clusters if i is not None),
        cluster_organisations=frozenset(cluster_organisations),
        organisations=frozenset(i for i in organisations if i is not None),
        csrf_token=csrf_token,
    )


def organisation_target(session: Session, organisation_id: int) -> Target:
    """An organisation with the clusters it currently belongs to and their programmes."""
    if session.get(Organisation, organisation_id) is None:
        raise NotFound(f"no organisation with id {organisation_id}")
    rows = session.execute(
        select(Cluster.id, Cluster.programme_id)
        .join(Membership, Membership.cluster_id == Cluster.id)
        .where(Membership.organisation_id == organisation_id, is_current(today_utc()))
    ).all()
    own = session.execute(
        select(Cluster.id, Cluster.programme_id).where(Cluster.organisation_id == organisation_id)
    ).all()
    return Target(
        organisation_id=organisation_id,
        member_of_clusters=frozenset(cluster for cluster, _ in rows),
        in_programmes=frozenset(p for _, p in [*rows, *own] if p is not None),
        cluster_id=own[0][0] if own else None,
    )


def cluster_target(session: Session, cluster_id: int) -> Target:
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise NotFound(f"no cluster with id {cluster_id}")
    programmes = frozenset({cluster.programme_id} if cluster.programme_id else set())
    return Target(
        cluster_id=cluster_id, organisation_id=cluster.organisation_id, in_programmes=programmes
    )


def programme_target(session: Session, programme_id: int) -> Target:
    if session.get(Programme, programme_id) is None:
        raise NotFound(f"no programme with id {programme_id}")
    return Target(programme_id=programme_id)
