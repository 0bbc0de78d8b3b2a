"""Schemathesis against /openapi.json: generated requests (a bounded number) find no server
error, anonymous or signed in as a platform administrator with an API token."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from sqlalchemy import Engine

from clusterbridge.accounts.models import ApiToken, Role
from clusterbridge.accounts.scopes import token_hash
from clusterbridge.core.db import transaction
from clusterbridge.web.app import create_app
from tests.web.auth_helpers import make_user
from tests.web.factories import seed_scenario


@pytest.fixture
def api_schema(engine: Engine) -> Any:
    seed_scenario(engine)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(engine))


@pytest.fixture
def admin_token(engine: Engine) -> str:
    user_id = make_user(engine, "fuzz-admin@example.org", Role.PLATFORM_ADMIN)
    token = "cb_" + secrets.token_urlsafe(32)
    with transaction(engine) as session:
        session.add(
            ApiToken(user_id=user_id, name="fuzz", prefix=token[:8], token_hash=token_hash(token))
        )
    return token


FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def fuzz(api_schema: Any, headers: dict[str, str]) -> int:
    """Run generated requests against every operation; returns how many operations ran."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:

        @FUZZ
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        check()
    return len(operations)


def test_no_server_error_anonymous(api_schema: Any) -> None:
    assert fuzz(api_schema, {}) >= 3


def test_no_server_error_as_admin(api_schema: Any, admin_token: str) -> None:
    assert fuzz(api_schema, {"Authorization": f"Bearer {admin_token}"}) >= 3
