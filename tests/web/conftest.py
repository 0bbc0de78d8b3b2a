"""Fixtures of the web tests: the shared scenario, a test client and a statement counter."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clusterbridge.web.app import create_app
from tests.web.factories import Scenario, seed_scenario
from tests.web.statements import StatementCounter, counting_statements


@pytest.fixture
def scenario(engine: Engine) -> Scenario:
    return seed_scenario(engine)


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    with TestClient(create_app(engine)) as test_client:
        yield test_client


@pytest.fixture
def count_statements(engine: Engine) -> Callable[[], AbstractContextManager[StatementCounter]]:
    """``with count_statements() as counter:`` counts what the block sends to the database."""
    return lambda: counting_statements(engine)
