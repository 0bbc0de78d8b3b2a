"""Memberships: a period of an organisation in a cluster with a role.

History is kept, never overwritten: ending a membership sets its ``until`` date, and a change
of role ends the current period and starts a new one. Periods run from ``since`` up to (not
including) ``until``, as :func:`clusterbridge.registry.queries.is_current` reads them, so one
period may end on the day the next one starts. Periods of the same organisation in the same
cluster never overlap.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from clusterbridge.core.errors import NotFound, Problem
from clusterbridge.registry import models as m
from clusterbridge.registry.enums import MembershipRole
from clusterbridge.registry.importers.kinds import MEMBERSHIPS
from clusterbridge.registry.operations.fields import (
    RawValue,
    check_version,
    flushing,
    jsonable,
    parse_value,
    raise_problems,
    record_change,
)

ENTITY = "membership"


def add_membership(
    session: Session,
    *,
    cluster_id: int,
    organisation_id: int,
    since: RawValue,
    role: RawValue = MembershipRole.MEMBER,
    until: RawValue = None,
    actor: str,
) -> m.Membership:
    """Start a membership period; refused if it overlaps another period of the organisation in
    this cluster, or if the organisation is the cluster's own."""
    cluster = session.get(m.Cluster, cluster_id)
    if cluster is None:
        raise NotFound(f"There is no cluster with id {cluster_id}.")
    values, problems = _parse(role=role, since=since, until=until)
    if not _lock_organisation(session, organisation_id):
        problems.append(
            _problem("organisation_id", "no organisation with this id", organisation_id)
        )
    elif organisation_id == cluster.organisation_id:
        reason = "a cluster cannot be a member of itself"
        problems.append(_problem("organisation_id", reason, organisation_id))
    if not problems:
        period = (values["since"], values["until"])
        problems += _period_problems(session, organisation_id, cluster_id, *period)
    raise_problems(problems)
    membership = m.Membership(organisation_id=organisation_id, cluster_id=cluster_id, **values)
    with flushing(session, ENTITY):
        session.add(membership)
    after = {"organisation_id": organisation_id, "cluster_id": cluster_id}
    after |= {name: jsonable(value) for name, value in values.items() if value is not None}
    record_change(session, actor, "created", ENTITY, membership.id, ({}, after))
    return membership


def end_membership(
    session: Session, membership_id: int, until: RawValue, expected_version: int, actor: str
) -> m.Membership:
    """Set the date a membership ends (or move the end of an ended one). The period must not
    end before it began nor run into a later period."""
    membership = get_membership(session, membership_id)
    _lock_organisation(session, membership.organisation_id)
    check_version(ENTITY, membership, expected_version)
    value, problem = parse_value(MEMBERSHIPS.column("until"), until)
    problems = [problem] if problem else []
    if value is None and not problems:
        problems.append(_problem("until", "a value is required", ""))
    elif value is not None and value < membership.since:
        problems.append(_problem("until", "until is before since", value.isoformat()))
    if not problems:
        pair = (membership.organisation_id, membership.cluster_id)
        problems += _period_problems(session, *pair, membership.since, value, membership_id)
    raise_problems(problems)
    action = "ended" if membership.until is None else "updated"
    diff = ({"until": jsonable(membership.until)}, {"until": jsonable(value)})
    with flushing(session, ENTITY, membership_id):
        membership.until = value
    if diff[0] != diff[1]:
        record_change(session, actor, action, ENTITY, membership_id, diff)
    return membership


def change_membership_role(
    session: Session,
    membership_id: int,
    role: RawValue,
    on: RawValue,
    expected_version: int,
    actor: str,
) -> m.Membership:
    """End the period on ``on`` and start a new one with ``role`` from that day (to the old
    period's end). Returns the new membership; the old one is kept as history."""
    old = get_membership(session, membership_id)
    _lock_organisation(session, old.organisation_id)
    check_version(ENTITY, old, expected_version)
    values, problems = _parse(role=role, since=on, until=None)
    new_role, start = values["role"], values["since"]
    if new_role is not None and new_role == old.role:
        problems.append(_problem("role", "the membership already has this role", new_role.value))
    if start is not None and not (old.since < start and (old.until is None or start < old.until)):
        reason = "pick a day after the membership began and before it ends"
        problems.append(_problem("since", reason, start.isoformat()))
    raise_problems(problems)
    with flushing(session, ENTITY, membership_id):
        new = m.Membership(
            organisation_id=old.organisation_id,
            cluster_id=old.cluster_id,
            role=new_role,
            since=start,
            until=old.until,
        )
        ended = ({"until": jsonable(old.until)}, {"until": jsonable(start)})
        old.until = start
        session.add(new)
    record_change(session, actor, "ended", ENTITY, old.id, ended)
    after = {"organisation_id": new.organisation_id, "cluster_id": new.cluster_id}
    after |= {"role": new_role.value, "since": start.isoformat(), "until": jsonable(new.until)}
    record_change(session, actor, "created", ENTITY, new.id, ({}, after))
    return new


def get_membership(session: Session, membership_id: int) -> m.Membership:
    membership = session.get(m.Membership, membership_id)
    if membership is None:
        raise NotFound(f"There is no membership with id {membership_id}.")
    return membership


def _lock_organisation(session: Session, organisation_id: int) -> bool:
    """Lock the member's row until the transaction ends, so two concurrent writers cannot both
    find no overlap and both add a period (PostgreSQL; SQLite has one writer at a time).
    False if there is no such organisation."""
    locked = select(m.Organisation.id).where(m.Organisation.id == organisation_id)
    return session.scalar(locked.with_for_update()) is not None


def _parse(**raw: RawValue) -> tuple[dict[str, Any], list[Problem]]:
    """Parse role, since and until with the memberships file's columns and its rule."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, value in raw.items():
        values[name], problem = parse_value(MEMBERSHIPS.column(name), value)
        problems += [problem] if problem else []
    since, until = values.get("since"), values.get("until")
    if since and until and until < since:
        problems.append(_problem("until", "until is before since", until.isoformat()))
    return values, problems


def _problem(field: str, reason: str, value: object) -> Problem:
    return Problem(reason, column=field, value=str(value))


def _period_problems(
    session: Session,
    organisation_id: int,
    cluster_id: int,
    since: date,
    until: date | None,
    exclude_id: int | None = None,
) -> list[Problem]:
    """A problem if [since, until) overlaps (or starts with) another period of the pair."""
    conditions = [
        m.Membership.organisation_id == organisation_id,
        m.Membership.cluster_id == cluster_id,
        or_(m.Membership.until.is_(None), m.Membership.until > since, m.Membership.since == since),
    ]
    if until is not None:
        conditions.append(or_(m.Membership.since < until, m.Membership.since == since))
    if exclude_id is not None:
        conditions.append(m.Membership.id != exclude_id)
    other = session.scalars(select(m.Membership).where(*conditions).limit(1)).first()
    if other is None:
        return []
    end = other.until.isoformat() if other.until else "now"
    reason = f"overlaps the membership from {other.since.isoformat()} to {end} ({other.role.value})"
    field = "until" if exclude_id is not None else "since"
    return [_problem(field, reason, (until if exclude_id else since) or "")]
