"""Creating and editing programmes and industrial complexes, the records of the admin pages.

Values are read by the importer's own column parsers (through
:mod:`clusterbridge.registry.operations.fields`), so a form accepts exactly what a
``programmes.csv`` or ``industrial_complexes.csv`` file accepts. Every write checks the version
the editor saw (a stale one raises :class:`~clusterbridge.core.errors.Conflict`) and leaves an
audit entry with the values before and after.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.core.errors import Problem
from clusterbridge.registry.importers.kinds import INDUSTRIAL_COMPLEXES, PROGRAMMES, Kind
from clusterbridge.registry.operations.fields import (
    Changes,
    apply_values,
    check_version,
    flushing,
    get_existing,
    missing_required,
    parse_fields,
    raise_problems,
    record_change,
    resolve_references,
)

KEY = "external_id"
"""Files refer to these records by their external id, so it is set once, at creation."""

_NOUNS = {PROGRAMMES.name: "programme", INDUSTRIAL_COMPLEXES.name: "industrial complex"}


def get_record(session: Session, kind: Kind, record_id: int) -> Any:
    """The programme or complex with ``record_id``, or :class:`NotFound`."""
    return get_existing(session, kind.model, record_id, _NOUNS[kind.name])


def create_record(session: Session, kind: Kind, values: Changes, actor: str) -> Any:
    """Add a programme or complex (``kind`` says which); raises :class:`InvalidInput` with a
    problem per invalid field."""
    names = {c.name for c in kind.columns}
    parsed, problems = parse_fields(kind, values, names)
    problems += missing_required(kind, values, names)
    ids, reference_problems = resolve_references(session, kind, parsed)
    problems += reference_problems + _key_problems(session, kind, parsed.get(KEY))
    raise_problems(problems)
    model: Any = kind.model
    record = model(external_id=parsed.pop(KEY))
    entity = kind.entity
    with flushing(session, entity):
        session.add(record)
        _, after = apply_values(kind, record, parsed, ids)
    after = {KEY: record.external_id, **after}
    record_change(session, actor, "created", entity, record.id, ({}, after))
    return record


def update_record(
    session: Session,
    kind: Kind,
    record_id: int,
    changes: Changes,
    expected_version: int,
    actor: str,
) -> Any:
    """Change the fields of a programme or complex seen at ``expected_version`` (all but its
    external id); raises :class:`InvalidInput` with a problem per invalid field."""
    record = get_record(session, kind, record_id)
    entity = kind.entity
    check_version(entity, record, expected_version)
    editable = {c.name for c in kind.columns if c.name != KEY}
    parsed, problems = parse_fields(kind, changes, editable)
    ids, reference_problems = resolve_references(session, kind, parsed)
    raise_problems(problems + reference_problems)
    with flushing(session, entity, record_id):
        diff = apply_values(kind, record, parsed, ids)
    if diff[1]:
        record_change(session, actor, "updated", entity, record_id, diff)
    return record


def _key_problems(session: Session, kind: Kind, external_id: str | None) -> list[Problem]:
    """The external id of a new record must be free (files would otherwise update the other)."""
    if not external_id:
        return []
    model: Any = kind.model
    if session.scalar(select(model.id).where(model.external_id == external_id)) is None:
        return []
    reason = f"another {_NOUNS[kind.name]} already has this id"
    return [Problem(reason, column=KEY, value=external_id)]
