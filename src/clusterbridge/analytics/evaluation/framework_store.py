"""Agencies' own frameworks, stored as YAML in the database and attached to a programme; the
shipped default serves every programme without one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.analytics.evaluation.framework import (
    DEFAULT_KEY,
    Framework,
    default_framework,
    parse_framework,
)
from clusterbridge.analytics.evaluation.models import StoredFramework
from clusterbridge.core import audit
from clusterbridge.core.errors import InvalidInput, NotFound, Problem
from clusterbridge.registry.models import Programme


@dataclass(frozen=True, slots=True)
class FrameworkSummary:
    """A framework as the list of frameworks shows it."""

    key: str
    name: str
    version: str
    indicators: int
    programme: str | None
    """External id of the programme it evaluates (None: none, or every other one)."""
    built_in: bool


def add_framework(
    session: Session, yaml_text: str, file: str, *, programme_id: int | None, actor: str
) -> StoredFramework:
    """Store a framework (replacing the stored one with the same key) and, when
    ``programme_id`` is given, make it the programme's framework in place of any other."""
    framework = parse_framework(yaml_text, file)
    if framework.key == DEFAULT_KEY:
        reason = f"key: {DEFAULT_KEY!r} is the built-in framework's key; choose another"
        raise InvalidInput([Problem(reason, file=file)])
    if programme_id is not None and session.get(Programme, programme_id) is None:
        raise NotFound(f"There is no programme with id {programme_id}.")
    stored = session.scalar(select(StoredFramework).where(StoredFramework.key == framework.key))
    before = None if stored is None else _audited(stored)
    if programme_id is not None:
        _detach(session, programme_id, framework.key, actor)
    if stored is None:
        stored = StoredFramework(key=framework.key)
        session.add(stored)
    stored.name, stored.version, stored.yaml_text = framework.name, framework.version, yaml_text
    stored.programme_id = programme_id if programme_id is not None else stored.programme_id
    session.flush()
    action = "evaluation.framework." + ("added" if before is None else "replaced")
    audit.record(
        session,
        actor=actor,
        action=action,
        entity="evaluation_framework",
        entity_id=stored.id,
        before=before,
        after=_audited(stored),
    )
    return stored


def _audited(stored: StoredFramework) -> dict[str, object]:
    return {
        "key": stored.key,
        "version": stored.version,
        "programme_id": stored.programme_id,
        "indicators": len(parse_framework(stored.yaml_text, stored.key).indicators),
    }


def _detach(session: Session, programme_id: int, keep: str, actor: str) -> None:
    """Another framework attached to the programme lets go of it."""
    query = select(StoredFramework).where(
        StoredFramework.programme_id == programme_id, StoredFramework.key != keep
    )
    for other in session.scalars(query):
        other.programme_id = None
        audit.record(
            session,
            actor=actor,
            action="evaluation.framework.detached",
            entity="evaluation_framework",
            entity_id=other.id,
            before={"programme_id": programme_id},
            after={"programme_id": None},
        )
    session.flush()


def framework_for_programme(session: Session, programme_id: int | None) -> Framework:
    """The framework evaluating a programme's clusters: its own if it has one, else the
    default."""
    if programme_id is None:
        return default_framework()
    stored = session.scalar(
        select(StoredFramework).where(StoredFramework.programme_id == programme_id)
    )
    return default_framework() if stored is None else parse_framework(stored.yaml_text, stored.key)


def list_frameworks(session: Session) -> list[FrameworkSummary]:
    """The built-in default first, then the stored frameworks by key."""
    default = default_framework()
    found = [
        FrameworkSummary(
            default.key, default.name, default.version, len(default.indicators), None, True
        )
    ]
    query = (
        select(StoredFramework, Programme.external_id)
        .outerjoin(Programme, Programme.id == StoredFramework.programme_id)
        .order_by(StoredFramework.key)
    )
    for stored, programme in session.execute(query):
        count = len(parse_framework(stored.yaml_text, stored.key).indicators)
        found.append(
            FrameworkSummary(stored.key, stored.name, stored.version, count, programme, False)
        )
    return found
