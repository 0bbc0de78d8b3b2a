"""Profile and management pages cost a fixed number of statements, however many members,
memberships or collaborations they show (no N+1 queries)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clusterbridge.accounts.models import Role
from tests.web.auth_helpers import make_user, sign_in
from tests.web.factories import Scenario, seed_many
from tests.web.statements import StatementCounter

CountStatements = Callable[[], AbstractContextManager[StatementCounter]]


def statements(client: TestClient, count_statements: CountStatements, url: str) -> int:
    with count_statements() as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_cluster_profile_does_not_grow_with_members(
    client: TestClient, engine: Engine, scenario: Scenario, count_statements: CountStatements
) -> None:
    small = statements(client, count_statements, f"/clusters/{scenario.korean_cluster}")
    seed_many(engine, 40, cluster_id=scenario.korean_cluster)
    large = statements(client, count_statements, f"/clusters/{scenario.korean_cluster}")
    assert small == large


def test_organisation_profiles_cost_the_same(
    client: TestClient, scenario: Scenario, count_statements: CountStatements
) -> None:
    counts = {
        org: statements(client, count_statements, f"/organisations/{org}")
        for org in (scenario.motors, scenario.upc, scenario.former_member)
    }
    assert len(set(counts.values())) == 1, counts


def test_members_page_does_not_grow_with_members(
    client: TestClient, engine: Engine, scenario: Scenario, count_statements: CountStatements
) -> None:
    admin = make_user(engine, "admin@example.org", Role.PLATFORM_ADMIN)
    sign_in(client, engine, admin)
    url = f"/clusters/{scenario.korean_cluster}/members"
    small = statements(client, count_statements, url)
    seed_many(engine, 40, cluster_id=scenario.korean_cluster)
    assert statements(client, count_statements, url) == small
