"""Database engine, sessions and the one-transaction unit of work."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, Table, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from clusterbridge.core.settings import get_settings, normalise_database_url


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets WAL mode and enforced foreign keys."""
    url = normalise_database_url(url) if url else get_settings().resolved_database_url()
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"check_same_thread": False})
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


_engine: Engine | None = None


def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    global _engine
    if _engine is None:
        _engine = make_engine()
    return _engine


def set_engine(engine: Engine | None) -> None:
    """Point the process at another engine (tests, the ``--database`` option)."""
    global _engine
    _engine = engine


def session_factory(engine: Engine | None = None) -> sessionmaker[Session]:
    return sessionmaker(bind=engine or get_engine(), expire_on_commit=False)


def refresh_statistics(session: Session, tables: Iterable[Table]) -> None:
    """Refresh PostgreSQL's planner statistics after a bulk load. Without them the planner takes
    the next import's IN (...) lookups for whole-table scans (a CORDIS re-import right after the
    first took two minutes instead of ten seconds). SQLite's planner needs none."""
    if session.get_bind().dialect.name == "postgresql":
        names = ", ".join(sorted({table.name for table in tables}))
        if names:
            session.execute(text(f"ANALYZE {names}"))


@contextmanager
def transaction(engine: Engine | None = None) -> Iterator[Session]:
    """One unit of work: commit if the block succeeds, roll everything back if not."""
    session = session_factory(engine)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
