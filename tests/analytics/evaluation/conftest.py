"""A tiny registry built through the registry's own importer, with hand-countable members and
collaborations, for the evaluation tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from clusterbridge.core.db import session_factory
from clusterbridge.registry.importers.tables import import_tables
from clusterbridge.registry.models import Cluster, Organisation, Programme

YEAR = 2025


def _org(external_id: str, kind: str, country: str, size: str = "") -> dict[str, str]:
    return {
        "external_id": external_id,
        "kind": kind,
        "name": external_id.upper(),
        "country": country,
        "size_class": size,
    }


def _member(
    org: str, cluster: str, since: str, until: str = "", role: str = "member"
) -> dict[str, str]:
    return {"organisation": org, "cluster": cluster, "role": role, "since": since, "until": until}


def _collaboration(key: str, year: int, *orgs: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    row = {"external_id": key, "source": "test", "year": str(year)}
    return row, [{"collaboration": key, "organisation": o, "role": "participant"} for o in orgs]


TABLES: dict[str, list[dict[str, str]]] = {
    "organisations": [
        _org("agency", "public_body", "ES"),
        _org("c1", "cluster_organisation", "ES"),
        _org("c2", "cluster_organisation", "ES"),
        _org("a", "company", "ES", "small"),
        _org("b", "startup", "FR", "micro"),
        _org("u", "university", "ES"),
        _org("g", "public_body", "ES"),
        _org("x", "company", "ES", "large"),
        _org("y", "company", "ES", "medium"),
        _org("z", "company", "DE", "large"),
        _org("w", "company", "ES", "small"),
    ],
    "programmes": [
        {"external_id": "prog", "name": "Test programme", "agency": "agency"},
        {"external_id": "other", "name": "Other programme", "agency": "agency"},
    ],
    "clusters": [
        {"organisation": "c1", "programme": "prog", "acronym": "C1", "management_fte": "1.5"},
        {"organisation": "c2", "programme": "prog", "acronym": "C2", "management_fte": ""},
    ],
    "memberships": [
        _member("a", "c1", "2020-03-01"),
        _member("b", "c1", "2025-12-31"),  # joined on the last day: a member on 31 December
        _member("u", "c1", "2019-01-01", role="associate"),
        _member("g", "c1", "2019-01-01", role="associate"),
        _member("x", "c1", "2019-01-01", "2025-12-31"),  # left on 31 December: not a member
        _member("y", "c1", "2019-01-01", "2026-01-01"),  # leaves on 1 January: still a member
        _member("z", "c1", "2021-06-01", role="partner"),
        _member("w", "c1", "2026-01-01"),  # joins next year
        _member("a", "c2", "2022-01-01"),
    ],
}
_COLLABORATIONS = [
    _collaboration("k1", YEAR, "a", "b"),
    _collaboration("k2", YEAR, "a"),
    _collaboration("k3", YEAR, "x"),
    _collaboration("k4", YEAR - 1, "a", "b"),
    _collaboration("k5", YEAR, "w", "a"),
]
TABLES["collaborations"] = [row for row, _ in _COLLABORATIONS]
TABLES["participations"] = [p for _, parts in _COLLABORATIONS for p in parts]


@dataclass(frozen=True)
class Tiny:
    """Ids of the tiny registry's records."""

    programme: int
    other_programme: int
    c1: int
    c2: int


@pytest.fixture
def tiny(engine: Engine) -> Tiny:
    import_tables(TABLES, actor="test", engine=engine)
    with session_factory(engine)() as session:
        return Tiny(
            programme=_programme(session, "prog"),
            other_programme=_programme(session, "other"),
            c1=_cluster(session, "c1"),
            c2=_cluster(session, "c2"),
        )


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session


def _programme(session: Session, key: str) -> int:
    found = session.scalar(select(Programme.id).where(Programme.external_id == key))
    assert found is not None
    return found


def _cluster(session: Session, key: str) -> int:
    query = select(Cluster.id).join(Cluster.organisation).where(Organisation.external_id == key)
    found = session.scalar(query)
    assert found is not None
    return found
