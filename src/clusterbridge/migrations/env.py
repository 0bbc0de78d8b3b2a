"""Alembic environment: runs against the engine the caller passes in, or the configured one."""

from __future__ import annotations

from alembic import context

import clusterbridge.models_registry  # noqa: F401  (imports every feature's models)
from clusterbridge.core.db import make_engine
from clusterbridge.core.models import Base

config = context.config
connection = config.attributes.get("connection")


def run(conn: object) -> None:
    context.configure(
        connection=conn,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url") or None)
    with engine.connect() as conn:
        run(conn)
