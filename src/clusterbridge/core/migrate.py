"""Run the packaged Alembic migrations programmatically."""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from clusterbridge.core.db import get_engine


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("clusterbridge") / "migrations"))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    return config


def upgrade(engine: Engine | None = None, revision: str = "head") -> None:
    """Bring the database schema to ``revision`` (default: the newest)."""
    config = alembic_config()
    with (engine or get_engine()).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine | None = None, revision: str = "-1") -> None:
    config = alembic_config()
    with (engine or get_engine()).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def current(engine: Engine | None = None) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with (engine or get_engine()).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
