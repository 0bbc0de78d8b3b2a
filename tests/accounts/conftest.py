"""Fixtures of the account tests: cheap password hashing, the shared registry scenario, and
users with each role made through the real operations."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts import passwords
from clusterbridge.accounts.models import Role
from clusterbridge.accounts.roles import Scope
from clusterbridge.core.db import transaction
from clusterbridge.web.app import create_app
from tests.web.factories import Scenario, seed_scenario

PASSWORD = "correct horse 42"

REAL_HASHER = passwords.hasher
"""The module's own hasher, kept before the fixture swaps it."""
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at its cheapest: the tests check behaviour, not the cost (test_passwords checks
    that the real hasher is the strong one)."""
    monkeypatch.setattr(passwords, "hasher", FAST_HASHER)


@pytest.fixture
def scenario(engine: Engine) -> Scenario:
    return seed_scenario(engine)


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(engine)) as test_client:
        yield test_client


MakeUser = Callable[..., int]


@pytest.fixture
def make_user(engine: Engine) -> MakeUser:
    """``make_user(email, role=None, scope=Scope())``: an active user with a password
    (:data:`PASSWORD`) and the role, made by the operations; returns the id."""

    def make(email: str, role: Role | None = None, scope: Scope = Scope()) -> int:
        with transaction(engine) as session:
            user = ops.create_user(
                session, email=email, name=email.split("@")[0], password=PASSWORD
            )
            if role is not None:
                ops.grant_role(session, user, role, scope, by=None)
            return user.id

    return make
