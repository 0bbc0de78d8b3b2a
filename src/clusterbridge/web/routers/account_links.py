"""The pages behind links sent by e-mail: accepting an invitation, choosing a new password.

Possessing the link is the proof (it went to the person's mailbox), so these pages are public;
a link that is unknown, used or expired gets a page saying so and what to do.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts.errors import InvalidLink, RateLimited
from clusterbridge.accounts.invitations import invited_account
from clusterbridge.accounts.models import Invitation
from clusterbridge.accounts.permissions import Action
from clusterbridge.accounts.queries import scope_labels
from clusterbridge.accounts.roles import ROLE_LABELS, Scope
from clusterbridge.core.errors import InvalidInput
from clusterbridge.web import anon_csrf
from clusterbridge.web.account_pages import (
    client_of,
    committing,
    errors_of,
    form_fields,
    page,
    redirect,
    send_mail_after,
    set_session_cookie,
    too_many,
)
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.deps import SessionDep

router = APIRouter(include_in_schema=False)

Token = Annotated[str, Path(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
AnonCsrfDep = Annotated[None, Depends(anon_csrf.check)]
MISMATCH = "The two passwords differ; type the same one twice."


def _dead_link(request: Request, error: InvalidLink) -> Response:
    return page(request, "account_link.html", {"message": str(error)}, 410)


def _invitation_page(
    request: Request, session: Session, invitation: Invitation, status_code: int = 200, **extra: Any
) -> Response:
    scope = Scope.of(invitation)
    context = {
        "invitation": invitation,
        "role": ROLE_LABELS[invitation.role],
        "scope": scope_labels(session, [scope])[scope],
        "has_account": invited_account(session, invitation) is not None,
        "values": {},
        "errors": {},
        "general": [],
        **extra,
    }
    return page(request, "account_invitation.html", context, status_code)


@router.get("/invitations/{token}", response_class=HTMLResponse)
def invitation(
    request: Request, session: SessionDep, principal: PrincipalDep, token: Token
) -> Response:
    """Public (the link is the proof): what the invitation offers, and the form to accept."""
    authorize(principal, Action.VIEW_PUBLIC)
    try:
        found = ops.open_invitation(session, token)
    except InvalidLink as error:
        return _dead_link(request, error)
    return _invitation_page(request, session, found)


@router.post("/invitations/{token}", response_class=HTMLResponse)
async def accept(
    request: Request, session: SessionDep, _csrf: AnonCsrfDep, token: Token
) -> Response:
    """Public: accept; a new account is signed in at once, an existing one signs in as usual."""
    fields = await form_fields(request, "name", "password", "password_again")
    try:
        found = ops.open_invitation(session, token)
        existing = invited_account(session, found) is not None
        if not existing and fields["password"] != fields["password_again"]:
            values = {"name": fields["name"]}
            errors = {"password_again": MISMATCH}
            return _invitation_page(request, session, found, 422, values=values, errors=errors)
        with committing(session):
            user = ops.accept_invitation(
                session, token, name=fields["name"], password=fields["password"]
            )
            started = None if existing else ops.start_session(session, user.id)
    except InvalidLink as error:
        return _dead_link(request, error)
    except InvalidInput as error:
        found = ops.open_invitation(session, token)
        context = {"values": {"name": fields["name"]}, **errors_of(error)}
        return _invitation_page(request, session, found, 422, **context)
    if started is None:
        return redirect("/login?notice=invited")
    response = redirect("/account")
    set_session_cookie(request, response, started.cookie)
    return response


def _reset_request_page(request: Request, status_code: int = 200, **extra: Any) -> Response:
    context = {"nav": "login", "values": {}, "errors": {}, "general": [], "sent": False, **extra}
    return page(request, "account_reset_request.html", context, status_code)


@router.get("/password-reset", response_class=HTMLResponse)
def reset_request_form(request: Request, principal: PrincipalDep) -> Response:
    """Public: ask for a link to choose a new password."""
    authorize(principal, Action.VIEW_PUBLIC)
    return _reset_request_page(request)


@router.post("/password-reset", response_class=HTMLResponse)
async def request_reset(request: Request, session: SessionDep, _csrf: AnonCsrfDep) -> Response:
    """Public: e-mail a link if the address has an account; the page says the same either way."""
    email = (await form_fields(request, "email"))["email"]
    try:
        with committing(session):
            ops.request_password_reset(session, email, client_of(request))
    except InvalidInput as error:
        return _reset_request_page(request, 422, values={"email": email}, **errors_of(error))
    except RateLimited as error:
        context = {"nav": "login", "values": {"email": email}, "errors": {}, "sent": False}
        return too_many(request, "account_reset_request.html", context, error)
    response = _reset_request_page(request, sent=True, values={"email": email.strip().lower()})
    return send_mail_after(request, response)


def _reset_page(request: Request, token: str, status_code: int = 200, **extra: Any) -> Response:
    context = {"nav": "login", "errors": {}, "general": [], **extra}
    return page(request, "account_reset.html", context, status_code)


@router.get("/password-reset/{token}", response_class=HTMLResponse)
def reset_form(
    request: Request, session: SessionDep, principal: PrincipalDep, token: Token
) -> Response:
    """Public (the link is the proof): the form to choose a new password."""
    authorize(principal, Action.VIEW_PUBLIC)
    try:
        ops.open_reset(session, token)
    except InvalidLink as error:
        return _dead_link(request, error)
    return _reset_page(request, token)


@router.post("/password-reset/{token}", response_class=HTMLResponse)
async def reset(
    request: Request, session: SessionDep, _csrf: AnonCsrfDep, token: Token
) -> Response:
    """Public: set the new password; every session of the account ends; then sign in."""
    fields = await form_fields(request, "password", "password_again")
    if fields["password"] != fields["password_again"]:
        return _reset_page(request, token, 422, errors={"password_again": MISMATCH})
    try:
        with committing(session):
            ops.reset_password(session, token, fields["password"])
    except InvalidLink as error:
        return _dead_link(request, error)
    except InvalidInput as error:
        return _reset_page(request, token, 422, **errors_of(error))
    return redirect("/login?notice=reset")
