"""API tokens: made once, used as ``Authorization: Bearer``, revoked, rate limited."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts.errors import RateLimited
from clusterbridge.accounts.models import ApiToken, Role
from clusterbridge.accounts.roles import Scope
from clusterbridge.accounts.tokens import token_hash
from clusterbridge.core.audit import AuditEntry
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import InvalidInput, NotFound
from tests.accounts.conftest import MakeUser
from tests.web.factories import Scenario


def create(engine: Engine, user_id: int, name: str = "nightly export") -> tuple[int, str]:
    with transaction(engine) as session:
        token, plain = ops.create_api_token(session, user_id, name)
        return token.id, plain


def bearer(plain: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {plain}"}


def test_a_token_acts_as_its_user_until_revoked(
    engine: Engine, client: TestClient, scenario: Scenario, make_user: MakeUser
) -> None:
    user_id = make_user(
        "ct@example.org", Role.CLUSTER_MANAGER, Scope(cluster_id=scenario.catalan_cluster)
    )
    token_id, plain = create(engine, user_id)
    assert plain.startswith("cb_")
    assert len(plain) > 40
    with transaction(engine) as session:
        stored = session.get(ApiToken, token_id)
        assert stored is not None
        assert stored.token_hash == token_hash(plain)
        assert stored.prefix == plain[:10]
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "accounts.token.created")
        ).one()
        assert plain not in str(audit.after)
        assert stored.token_hash not in str(audit.after)
    me = client.get("/api/v1/account", headers=bearer(plain))
    assert me.status_code == 200
    assert me.json()["email"] == "ct@example.org"
    assert me.json()["roles"] == [
        {
            "role": "cluster_manager",
            "scope": "cluster",
            "scope_id": scenario.catalan_cluster,
            "scope_name": "Clúster de l'Automoció de Catalunya (CIAC)",
        }
    ]
    detail = f"/api/v1/organisations/{scenario.motors}"
    assert client.get("/api/v1/organisations", headers=bearer(plain)).status_code == 200
    assert client.get(detail, headers=bearer(plain)).status_code == 200
    with transaction(engine) as session:
        assert session.get(ApiToken, token_id).last_used_at is not None  # type: ignore[union-attr]
        ops.revoke_api_token(session, user_id, token_id)
    revoked = client.get("/api/v1/account", headers=bearer(plain))
    assert revoked.status_code == 401
    assert revoked.json()["detail"] == "invalid or revoked API token"
    assert client.get(detail, headers=bearer(plain)).status_code == 401


def test_without_a_token_the_account_api_answers_401_json(
    client: TestClient, engine: Engine
) -> None:
    response = client.get("/api/v1/account")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["www-authenticate"] == "Bearer"


def test_only_ones_own_tokens_can_be_revoked(engine: Engine, make_user: MakeUser) -> None:
    owner, other = make_user("owner@example.org"), make_user("other@example.org")
    token_id, _ = create(engine, owner)
    with pytest.raises(NotFound), transaction(engine) as session:
        ops.revoke_api_token(session, other, token_id)


def test_a_token_needs_a_name(engine: Engine, make_user: MakeUser) -> None:
    user_id = make_user("ada@example.org")
    with pytest.raises(InvalidInput, match="Name the token"):
        create(engine, user_id, "   ")


def test_token_creation_is_rate_limited(engine: Engine, make_user: MakeUser) -> None:
    user_id = make_user("ada@example.org")
    for number in range(10):
        create(engine, user_id, f"token {number}")
    with pytest.raises(RateLimited):
        create(engine, user_id, "one too many")
    with transaction(engine) as session:
        assert len(ops.api_tokens_of(session, user_id)) == 10
