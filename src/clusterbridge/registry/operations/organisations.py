"""Creating and editing organisations."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.core.errors import Problem
from clusterbridge.registry import models as m
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.importers.kinds import ORGANISATIONS
from clusterbridge.registry.operations.fields import (
    Changes,
    apply_values,
    as_text,
    check_version,
    external_id_problems,
    flushing,
    get_existing,
    missing_required,
    parse_fields,
    raise_problems,
    record_change,
)

ENTITY = "organisation"
EDITABLE = frozenset(c.name for c in ORGANISATIONS.columns if c.name != "external_id")
"""Every column of the organisations file but its external id, which files use as the key."""
PRIVATE = frozenset({"vat", "national_id"})
"""Fields only those who may view private data see (and so edit)."""


def create_organisation(session: Session, values: Changes, actor: str) -> m.Organisation:
    """Add an organisation; ``external_id`` is minted when not given. Raises
    :class:`InvalidInput` with a problem per field."""
    given = dict(values)
    external_id = as_text(given.pop("external_id", None)) or f"org-{secrets.token_hex(8)}"
    parsed, problems = parse_fields(ORGANISATIONS, given, EDITABLE)
    problems += missing_required(ORGANISATIONS, given, EDITABLE)
    problems += external_id_problems(
        session, ORGANISATIONS, external_id, "an organisation with this id exists"
    )
    problems += _pic_problems(session, parsed.get("pic"), None)
    raise_problems(problems)
    organisation = m.Organisation(external_id=external_id)
    with flushing(session, ENTITY):
        session.add(organisation)
        _, after = apply_values(ORGANISATIONS, organisation, parsed, {})
    after = {"external_id": external_id, **after}
    record_change(session, actor, "created", ENTITY, organisation.id, ({}, after))
    return organisation


def update_organisation(
    session: Session, org_id: int, changes: Changes, expected_version: int, actor: str
) -> m.Organisation:
    """Change some fields of an organisation seen at ``expected_version``; raises
    :class:`StaleVersion` if it changed since, :class:`InvalidInput` for invalid values."""
    organisation = get_organisation(session, org_id)
    check_version(ENTITY, organisation, expected_version)
    parsed, problems = parse_fields(ORGANISATIONS, changes, EDITABLE)
    problems += _pic_problems(session, parsed.get("pic"), org_id)
    problems += _kind_problems(session, organisation, parsed.get("kind"))
    raise_problems(problems)
    with flushing(session, ENTITY, org_id):
        diff = apply_values(ORGANISATIONS, organisation, parsed, {})
    if diff[1]:
        record_change(session, actor, "updated", ENTITY, org_id, diff)
    return organisation


def get_organisation(session: Session, org_id: int) -> m.Organisation:
    return get_existing(session, m.Organisation, org_id, "organisation")


def _pic_problems(session: Session, pic: str | None, org_id: int | None) -> list[Problem]:
    """A PIC identifies one organisation (the same rule as the import's)."""
    if not pic:
        return []
    owner = session.execute(
        select(m.Organisation.id, m.Organisation.name).where(m.Organisation.pic == pic)
    ).first()
    if owner is None or owner.id == org_id:
        return []
    return [Problem(f"this PIC already belongs to {owner.name!r}", column="pic", value=pic)]


def _kind_problems(
    session: Session, organisation: m.Organisation, kind: OrganisationKind | None
) -> list[Problem]:
    """An organisation with a cluster profile stays a cluster organisation."""
    if kind is None or kind is OrganisationKind.CLUSTER_ORGANISATION:
        return []
    has_cluster = session.scalar(
        select(m.Cluster.id).where(m.Cluster.organisation_id == organisation.id)
    )
    if has_cluster is None:
        return []
    reason = "this organisation manages a cluster, so it stays a cluster organisation"
    return [Problem(reason, column="kind", value=str(kind.value))]
