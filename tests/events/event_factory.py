"""Builders for event tests: organisations, an event with sessions and tables, and approved
participants, each written through the real operations in its own transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import uuid4
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.events import operations as ops
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.models import Organisation

BRUSSELS = ZoneInfo("Europe/Brussels")
DAY_1 = datetime(2027, 3, 10, 9, 0, tzinfo=BRUSSELS)
DAY_1_AFTERNOON = datetime(2027, 3, 10, 14, 0, tzinfo=BRUSSELS)


def organisations(*names: str) -> list[int]:
    with transaction() as session:
        made = [
            Organisation(
                external_id=f"org-{uuid4().hex[:12]}", kind=OrganisationKind.COMPANY, name=name
            )
            for name in names
        ]
        session.add_all(made)
        session.flush()
        return [o.id for o in made]


def event(
    *,
    sessions: Sequence[tuple[str, datetime, int]] = (("Morning", DAY_1, 4),),
    tables: int = 2,
    open_registration: bool = True,
    max_meetings: int | None = None,
) -> int:
    """An event in Brussels with 20-minute slots, its sessions and ``tables`` tables."""
    with transaction() as session:
        made = ops.create_event(
            session,
            ops.EventInput(
                name="Battery Days",
                timezone="Europe/Brussels",
                venue="Square, Brussels",
                slot_minutes=20,
                max_meetings=max_meetings,
            ),
            actor_id=None,
        )
        for name, start, slots in sessions:
            ops.add_session(session, made.id, name, start, slots, actor_id=None)
        if tables:
            ops.set_tables(session, made.id, tables, actor_id=None)
        if open_registration:
            ops.open_registration(session, made.id, actor_id=None)
        return made.id


def participant(
    event_id: int,
    organisation_id: int,
    name: str,
    *,
    approve: bool = True,
    unavailable: Sequence[int] = (),
    max_meetings: int | None = None,
    offer: str | None = None,
) -> int:
    email = name.lower().replace(" ", ".") + "@example.org"
    with transaction() as session:
        registration = ops.register(
            session,
            event_id,
            ops.RegistrationInput(
                organisation_id=organisation_id,
                name=name,
                email=email,
                unavailable=unavailable,
                max_meetings=max_meetings,
                offer=offer,
            ),
            actor_id=None,
        )
        if approve:
            ops.decide_registration(session, registration.id, True, actor_id=None)
        return registration.id


def request(requester: int, requested: int, priority: int = 2, accept: bool = True) -> int:
    with transaction() as session:
        made = ops.send_request(session, requester, requested, priority=priority, actor_id=None)
        if accept and made.status.value == "pending":
            ops.respond_request(session, made.id, True, responder_id=requested, actor_id=None)
        return made.id


def audit_count(action: str) -> int:
    with transaction() as session:
        return (
            session.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)
            )
            or 0
        )
