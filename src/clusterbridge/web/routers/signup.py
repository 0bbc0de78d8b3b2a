"""Asking for an account: name, e-mail, password, the role wanted and where (a programme or
cluster from a list, an organisation by its name), and a message for whoever decides.

The answer is the same whether or not the address already has an account (that address gets
an e-mail saying so instead), so the form does not reveal who is registered.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts.access_requests import REQUESTABLE, validate_request
from clusterbridge.accounts.errors import RateLimited
from clusterbridge.accounts.models import Role
from clusterbridge.accounts.permissions import Action
from clusterbridge.accounts.queries import cluster_choices, organisations_named, programme_choices
from clusterbridge.accounts.roles import ROLE_LABELS, SCOPE_KIND, Scope
from clusterbridge.core.errors import InvalidInput
from clusterbridge.registry.models import Cluster, Organisation, Programme
from clusterbridge.web import anon_csrf
from clusterbridge.web.account_pages import (
    client_of,
    committing,
    form_fields,
    page,
    send_mail_after,
    too_many,
)
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.deps import SessionDep

router = APIRouter(include_in_schema=False)

FIELDS = (
    *("name", "email", "password", "role"),
    *("programme", "cluster", "organisation", "organisation_id", "message"),
)
SCOPE_MODELS = {"programme": Programme, "cluster": Cluster, "organisation": Organisation}
Choices = list[tuple[int, str]]


def _context(session: Session, **context: Any) -> dict[str, Any]:
    """The form's context: its lists of roles, programmes and clusters, and ``context``."""
    base = {
        "nav": "signup",
        "values": {},
        "errors": {},
        "general": [],
        "roles": [(role.value, ROLE_LABELS[role]) for role in REQUESTABLE],
        "programmes": programme_choices(session),
        "clusters": cluster_choices(session),
        "candidates": [],
    }
    return {**base, **context}


def _form(request: Request, session: Session, status_code: int = 200, **context: Any) -> Response:
    return page(request, "account_signup.html", _context(session, **context), status_code)


@router.get("/signup", response_class=HTMLResponse)
def signup_form(request: Request, session: SessionDep, principal: PrincipalDep) -> Response:
    """Public: the form to ask for an account."""
    authorize(principal, Action.VIEW_PUBLIC)
    return _form(request, session)


def _role_of(value: str) -> Role | None:
    return next((role for role in REQUESTABLE if role.value == value), None)


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 19 else None


def _listed_scope(session: Session, kind: str, value: str) -> Scope | None:
    """A programme or cluster chosen in a select, if it exists."""
    id_ = _number(value)
    if id_ is None or session.get(SCOPE_MODELS[kind], id_) is None:
        return None
    return Scope(**{f"{kind}_id": id_})


def _organisation_scope(
    session: Session, fields: dict[str, str]
) -> tuple[Scope | None, str | None, Choices]:
    """The organisation chosen among candidates, or named exactly; else a message and the
    candidates to choose from."""
    chosen = _number(fields["organisation_id"])
    if chosen is not None and session.get(Organisation, chosen) is not None:
        return Scope(organisation_id=chosen), None, []
    if not fields["organisation"]:
        return None, "Enter the name of the organisation you represent.", []
    matches = organisations_named(session, fields["organisation"])
    if matches.exact and len(matches.choices) == 1:
        return Scope(organisation_id=matches.choices[0][0]), None, []
    if not matches.choices:
        return None, "No registered organisation has this name; check it in the directory.", []
    return None, "Several organisations match: choose yours in the list.", matches.choices


def _scope_of(
    session: Session, role: Role | None, fields: dict[str, str]
) -> tuple[Scope, dict[str, str], Choices]:
    """The scope the form names for ``role``, with errors by field and organisation choices."""
    kind = SCOPE_KIND.get(role) if role is not None else None
    if kind is None:
        return Scope(), {}, []
    if kind == "organisation":
        scope, message, candidates = _organisation_scope(session, fields)
        return scope or Scope(), ({kind: message} if message else {}), candidates
    scope = _listed_scope(session, kind, fields[kind])
    return scope or Scope(), ({} if scope else {kind: f"Choose the {kind}."}), []


def _errors(role: Role | None, fields: dict[str, str], scope: Scope) -> dict[str, str]:
    """Problems of the fields the operation checks, by form field."""
    values = (fields["email"], fields["name"], fields["password"])
    try:
        validate_request(*values, role or Role.EVENT_ORGANISER, scope, fields["message"])
    except InvalidInput as error:
        scope_field = (SCOPE_KIND.get(role) if role is not None else None) or "role"
        errors: dict[str, str] = {}
        for problem in error.problems:
            field = scope_field if problem.column == "scope" else problem.column or "general"
            errors.setdefault(field, problem.reason)
        return errors
    return {}


@router.post("/signup", response_class=HTMLResponse)
async def signup(
    request: Request, session: SessionDep, _csrf: None = Depends(anon_csrf.check)
) -> Response:
    """Public: record the request (rate limited per client) and say what happens next."""
    fields = await form_fields(request, *FIELDS)
    role = _role_of(fields["role"])
    scope, errors, candidates = _scope_of(session, role, fields)
    if role is None:
        errors["role"] = "Choose the role you ask for."
    for field, message in _errors(role, fields, scope).items():
        errors.setdefault(field, message)
    values = {name: value for name, value in fields.items() if name != "password"}
    context = {"values": values, "errors": errors, "candidates": candidates}
    if errors:
        return _form(request, session, 422, **context)
    assert role is not None
    try:
        with committing(session):
            ops.request_access(
                session,
                email=fields["email"],
                name=fields["name"],
                password=fields["password"],
                role=role,
                scope=scope,
                message=fields["message"],
                client=client_of(request),
            )
    except RateLimited as error:
        return too_many(request, "account_signup.html", _context(session, **context), error)
    notice = {"email": fields["email"].strip().lower(), "role": ROLE_LABELS[role]}
    response = page(request, "account_requested.html", {"nav": "signup", **notice})
    return send_mail_after(request, response)
