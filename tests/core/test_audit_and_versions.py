"""Audit entries carry who and when; versioned records refuse stale writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clusterbridge.core.audit import AuditEntry, record
from clusterbridge.core.db import transaction
from clusterbridge.registry.enums import OrganisationKind
from clusterbridge.registry.models import Organisation


def test_audit_entry_records_actor_time_and_values(engine: Engine) -> None:
    with transaction() as session:
        org = Organisation(external_id="A", kind=OrganisationKind.COMPANY, name="Àrea SL")
        session.add(org)
        session.flush()
        record(
            session,
            actor="marta",
            action="registry.organisation.created",
            entity="organisation",
            entity_id=org.id,
            after={"name": org.name, "kind": org.kind.value},
        )
    with transaction() as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert entry.actor == "marta"
    assert entry.after is not None
    assert entry.after["name"] == "Àrea SL"
    assert entry.after["kind"] == "company"
    assert entry.at.tzinfo is not None
    assert datetime.now(UTC) - entry.at < timedelta(minutes=5)


def test_stale_write_is_refused(engine: Engine) -> None:
    with transaction() as session:
        session.add(Organisation(external_id="A", kind=OrganisationKind.COMPANY, name="First"))
    first, second = Session(engine), Session(engine)
    try:
        mine = first.scalars(select(Organisation)).one()
        theirs = second.scalars(select(Organisation)).one()
        mine.name = "Mine"
        first.commit()
        theirs.name = "Theirs"
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        first.close()
        second.close()
    with transaction() as session:
        assert session.scalars(select(Organisation.name)).one() == "Mine"


def _fail_after_writing() -> None:
    with transaction() as session:
        session.add(Organisation(external_id="A", kind=OrganisationKind.COMPANY, name="A"))
        session.flush()
        raise RuntimeError("boom")


def test_a_failed_transaction_writes_nothing(engine: Engine) -> None:
    with pytest.raises(RuntimeError):
        _fail_after_writing()
    with transaction() as session:
        assert session.scalars(select(Organisation)).all() == []
