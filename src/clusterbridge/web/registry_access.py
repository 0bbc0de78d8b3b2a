"""Permission questions of the registry's pages and API, composed only of
:func:`clusterbridge.accounts.permissions.can` (through :func:`web.auth.authorize`) and the
targets of :mod:`clusterbridge.accounts.scopes`, so every rule stays in one place."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.accounts.permissions import Action, Principal, Target, can
from clusterbridge.accounts.scopes import cluster_target, organisation_target
from clusterbridge.registry import models as m
from clusterbridge.registry.importers.references import resolve_ids
from clusterbridge.web.auth import authorize

STRUCTURAL = ("programme", "industrial_complex")


def may(
    session: Session,
    principal: Principal,
    action: Action,
    target: Callable[[Session, int], Target],
    record_id: int,
) -> bool:
    """Whether ``principal`` may do ``action`` on a record; no query for anonymous visitors,
    who may only read public data."""
    if not principal.signed_in:
        return False
    return can(principal, action, target(session, record_id))


def may_view_private(session: Session, principal: Principal, organisation_id: int) -> bool:
    return may(session, principal, Action.VIEW_PRIVATE, organisation_target, organisation_id)


def may_edit_organisation(session: Session, principal: Principal, organisation_id: int) -> bool:
    return may(session, principal, Action.EDIT_ORGANISATION, organisation_target, organisation_id)


def may_edit_cluster(session: Session, principal: Principal, cluster_id: int) -> bool:
    return may(session, principal, Action.EDIT_CLUSTER, cluster_target, cluster_id)


def may_manage_members(session: Session, principal: Principal, cluster_id: int) -> bool:
    return may(session, principal, Action.MANAGE_MEMBERSHIPS, cluster_target, cluster_id)


def may_move_cluster(principal: Principal, cluster: m.Cluster) -> bool:
    """Programme and complex of a cluster: for the managers of its programme (and admins)."""
    return can(principal, Action.MANAGE_PROGRAMME, Target(programme_id=cluster.programme_id))


def authorize_cluster_move(
    session: Session, principal: Principal, cluster: m.Cluster, changes: Mapping[str, Any]
) -> None:
    """Moving a cluster to another programme or complex moves it between managers, so it takes
    managing its programme now and the one it moves to (a cluster manager may not)."""
    moved = {
        name: changes[name]
        for name in STRUCTURAL
        if name in changes and changes[name] != _external_id(getattr(cluster, name))
    }
    if not moved:
        return
    authorize(principal, Action.MANAGE_PROGRAMME, Target(programme_id=cluster.programme_id))
    new = moved.get("programme")
    if new:
        new_id = resolve_ids(session, "programmes", [str(new)]).get(str(new))
        if new_id is not None:
            authorize(principal, Action.MANAGE_PROGRAMME, Target(programme_id=new_id))
    if "industrial_complex" in moved:
        authorize(principal, Action.MANAGE_COMPLEXES)


def _external_id(record: Any) -> str | None:
    return None if record is None else str(record.external_id)


def participant_targets(session: Session, organisation_ids: Iterable[int]) -> list[Target]:
    """The targets of a collaboration: one per participating organisation that exists."""
    ids = sorted(set(organisation_ids))
    known = set(session.scalars(select(m.Organisation.id).where(m.Organisation.id.in_(ids))))
    return [organisation_target(session, org_id) for org_id in ids if org_id in known]


def authorize_any(principal: Principal, action: Action, targets: list[Target]) -> None:
    """Allowed when allowed on one of ``targets`` (a collaboration has one per participant)."""
    allowed = next((t for t in targets if can(principal, action, t)), None)
    authorize(principal, action, allowed or (targets[0] if targets else Target()))
