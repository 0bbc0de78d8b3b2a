"""Shared fixtures: every database test runs on SQLite, and on PostgreSQL when
``CLUSTERBRIDGE_TEST_DATABASE_URL`` is set. Schemas come from the real migrations."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from clusterbridge.core import db, migrate
from clusterbridge.core.models import Base
from clusterbridge.core.settings import get_settings
from clusterbridge.models_registry import *  # noqa: F403  (complete metadata)

SHARED_DATA = Path(
    os.environ.get(
        "CLUSTERBRIDGE_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"
    )
)
POSTGRES_URL = os.environ.get("CLUSTERBRIDGE_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or a skip when the shared data is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (set CLUSTERBRIDGE_SHARED_DATA)")
    return path


def _fresh_postgres(url: str) -> Engine:
    engine = db.make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    return engine


@pytest.fixture(scope="session", autouse=True)
def platform_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Files the platform keeps beside its database (matchmaking index, logs) go to a
    temporary folder, not to the working copy's var/."""
    settings = get_settings()
    kept = settings.data_dir
    settings.data_dir = tmp_path_factory.mktemp("data")
    yield settings.data_dir
    settings.data_dir = kept


@pytest.fixture(scope="session", params=BACKENDS)
def migrated_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "test.db"
        engine = db.make_engine(f"sqlite:///{path}")
    else:
        assert POSTGRES_URL
        engine = _fresh_postgres(POSTGRES_URL)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


def empty_all_tables(engine: Engine) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                conn.execute(text(f"DELETE FROM {name}"))


@pytest.fixture
def engine(migrated_engine: Engine) -> Iterator[Engine]:
    """A migrated, empty database that the process-wide engine points at."""
    empty_all_tables(migrated_engine)
    db.set_engine(migrated_engine)
    yield migrated_engine
    db.set_engine(None)
