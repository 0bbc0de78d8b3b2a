"""The people of the admin page tests: one user per role, on the shared scenario."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from clusterbridge.accounts.models import Role, RoleGrant
from clusterbridge.core.db import transaction
from tests.web.auth_helpers import make_user, sign_in
from tests.web.factories import Scenario


@dataclass(frozen=True)
class People:
    admin: int
    catalan_programme_manager: int
    catalan_cluster_manager: int
    korean_cluster_manager: int
    representative: int
    newcomer: int


@pytest.fixture
def people(engine: Engine, scenario: Scenario) -> People:
    return People(
        make_user(engine, "admin@example.org", Role.PLATFORM_ADMIN),
        make_user(
            engine,
            "pm@accio.cat",
            Role.PROGRAMME_MANAGER,
            programme_id=scenario.catalonia_programme,
        ),
        make_user(engine, "cm@ciac.cat", Role.CLUSTER_MANAGER, cluster_id=scenario.catalan_cluster),
        make_user(engine, "cm@kbia.kr", Role.CLUSTER_MANAGER, cluster_id=scenario.korean_cluster),
        make_user(
            engine, "rep@motors.cat", Role.MEMBER_REPRESENTATIVE, organisation_id=scenario.motors
        ),
        make_user(engine, "new@example.org"),
    )


def as_user(client: TestClient, engine: Engine, user_id: int) -> str:
    """Sign ``client`` in as the user; returns the CSRF token of the session."""
    return sign_in(client, engine, user_id)


def grants_of(engine: Engine, user_id: int) -> set[tuple[str, int | None]]:
    with transaction(engine) as session:
        rows = session.scalars(select(RoleGrant).where(RoleGrant.user_id == user_id))
        return {(g.role.value, g.programme_id or g.cluster_id or g.organisation_id) for g in rows}
