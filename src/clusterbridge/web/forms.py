"""Small pieces shared by the pages that change data: who the audit log names, the write
transaction, and problems turned into messages at the fields they concern."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from fastapi import Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import FormData

from clusterbridge.accounts.permissions import Principal
from clusterbridge.core.errors import Problem


def actor_of(principal: Principal) -> str:
    """The audit log's name for a signed-in user: ``user:<id>`` (stable when the e-mail
    changes; the history page shows the user's name)."""
    return f"user:{principal.user_id}"


def _factory(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.session_factory
    return factory


@contextmanager
def write_session(request: Request) -> Iterator[Session]:
    """One transaction for one write: committed if the block succeeds, rolled back if not."""
    with _factory(request).begin() as session:
        yield session


def app_engine(request: Request) -> Engine:
    """The engine the app runs on, for operations that open their own transaction."""
    bind = _factory(request).kw["bind"]
    assert isinstance(bind, Engine)
    return bind


def text_fields(form: FormData, names: Iterable[str]) -> dict[str, str]:
    """The named text fields of a submitted form ('' when absent; uploads ignored)."""
    values = {}
    for name in names:
        value = form.get(name)
        values[name] = value.strip() if isinstance(value, str) else ""
    return values


def field_errors(problems: Iterable[Problem]) -> tuple[dict[str, str], list[str]]:
    """Messages by field (the first problem of each), and those that concern no field."""
    by_field: dict[str, str] = {}
    general: list[str] = []
    for problem in problems:
        if problem.column:
            by_field.setdefault(problem.column, _sentence(problem.reason))
        else:
            general.append(_sentence(problem.reason))
    return by_field, general


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith((".", "?")) else ".")
