"""Signing in and out, and one's own account: profile, roles, password, API tokens.

The sign-in form is protected by the double-submit cookie (:mod:`clusterbridge.web.anon_csrf`),
the other forms by the session's CSRF token. Sign-in failures are rate limited per e-mail
address and per client; the message never says which of address or password was wrong.
This router also mounts the sign-up, invitation, password-reset and access-request pages.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts.errors import AccountNotActive, RateLimited
from clusterbridge.accounts.models import User, WebSession
from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.accounts.queries import grants_of
from clusterbridge.accounts.tokens import token_hash
from clusterbridge.core.errors import InvalidInput
from clusterbridge.web import anon_csrf
from clusterbridge.web.account_pages import (
    clear_session_cookie,
    client_of,
    committing,
    errors_of,
    form_fields,
    page,
    redirect,
    safe_next,
    set_session_cookie,
    too_many,
)
from clusterbridge.web.auth import SESSION_COOKIE, PrincipalDep, authorize
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.routers import access_requests, account_links, signup

router = APIRouter()
pages = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api/v1", tags=["account"])

NOTICES = {
    "reset": "Your password has been changed. Sign in with the new one.",
    "invited": "The role has been added to your account. Sign in to use it.",
    "signed-out": "You have signed out.",
}
WRONG_CREDENTIALS = "The e-mail address or the password is not correct."
AnonCsrfDep = Annotated[None, Depends(anon_csrf.check)]
NextQuery = Annotated[str | None, Query(max_length=2000)]
NoticeQuery = Annotated[str | None, Query(max_length=20)]


def _login_page(request: Request, status_code: int = 200, **context: Any) -> Response:
    base: dict[str, Any] = {"nav": "login", "email": "", "next": None, "errors": {}, "general": []}
    return page(request, "login.html", {**base, **context}, status_code)


@pages.get("/login", response_class=HTMLResponse)
def login_form(
    request: Request, principal: PrincipalDep, next: NextQuery = None, notice: NoticeQuery = None
) -> Response:
    """Public: the sign-in form (signed-in visitors go on to where they were heading)."""
    authorize(principal, Action.VIEW_PUBLIC)
    if principal.signed_in:
        return redirect(safe_next(next) or "/account")
    message = NOTICES.get(notice or "")
    return _login_page(request, next=safe_next(next), notice=message)


@pages.post("/login", response_class=HTMLResponse)
async def login(request: Request, session: SessionDep, _csrf: AnonCsrfDep) -> Response:
    """Public: check the e-mail address and password, then start a session."""
    fields = await form_fields(request, "email", "password", "next")
    context = {"email": fields["email"], "next": safe_next(fields["next"])}
    errors = {}
    if not fields["email"]:
        errors["email"] = "Enter your e-mail address."
    if not fields["password"]:
        errors["password"] = "Enter your password."
    if errors:
        return _login_page(request, 422, errors=errors, **context)
    try:
        with committing(session):
            started = ops.sign_in(session, fields["email"], fields["password"], client_of(request))
            if started is not None:
                _end_previous(session, request)
    except RateLimited as error:
        return too_many(request, "login.html", {"nav": "login", "errors": {}, **context}, error)
    except AccountNotActive as error:
        return _login_page(request, 403, general=[str(error)], **context)
    if started is None:
        return _login_page(request, 422, general=[WRONG_CREDENTIALS], **context)
    response = redirect(context["next"] or "/account")
    set_session_cookie(request, response, started.cookie)
    return response


def _end_previous(session: Session, request: Request) -> None:
    """A browser signing in again leaves no older session of it behind."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        ops.end_session(session, cookie)


@pages.post("/logout")
def logout(
    request: Request, session: SessionDep, principal: PrincipalDep, _csrf: CsrfDep
) -> Response:
    """Public (signing out needs no right): end the session and forget its cookie."""
    authorize(principal, Action.VIEW_PUBLIC)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        with committing(session):
            ops.end_session(session, cookie)
    response = redirect("/login?notice=signed-out")
    clear_session_cookie(request, response)
    return response


def _signed_in(principal: Principal) -> int:
    """The user id of a signed-in principal (401, then the sign-in page, if anonymous)."""
    authorize(principal, Action.USE_ACCOUNT)
    assert principal.user_id is not None
    return principal.user_id


def _account_page(
    request: Request, session: Session, principal: Principal, status_code: int = 200, **extra: Any
) -> Response:
    user_id = _signed_in(principal)
    context = {
        "nav": "account",
        "user": session.get(User, user_id),
        "grants": grants_of(session, user_id),
        "tokens": ops.api_tokens_of(session, user_id),
        "errors": {},
        "general": [],
        "notice": None,
        **extra,
    }
    return page(request, "account.html", context, status_code, principal)


@pages.get("/account", response_class=HTMLResponse)
def account(
    request: Request, session: SessionDep, principal: PrincipalDep, notice: NoticeQuery = None
) -> Response:
    """My profile, my roles with their scopes, my API tokens."""
    _signed_in(principal)
    messages = {"revoked": "The token has been revoked.", "password": "Password changed."}
    return _account_page(request, session, principal, notice=messages.get(notice or ""))


@pages.post("/account/tokens", response_class=HTMLResponse)
async def create_token(
    request: Request, session: SessionDep, principal: PrincipalDep, _csrf: CsrfDep
) -> Response:
    """Make an API token and show it, this once."""
    user_id = _signed_in(principal)
    name = (await form_fields(request, "name"))["name"]
    try:
        with committing(session):
            token, plain = ops.create_api_token(session, user_id, name)
    except InvalidInput as error:
        return _account_page(request, session, principal, 422, token_name=name, **errors_of(error))
    except RateLimited as error:
        response = _account_page(request, session, principal, 429, general=[str(error)])
        response.headers["Retry-After"] = str(error.retry_after)
        return response
    return _account_page(request, session, principal, new_token=plain, new_token_name=token.name)


@pages.post("/account/tokens/{token_id}/revoke")
def revoke_token(
    session: SessionDep, principal: PrincipalDep, _csrf: CsrfDep, token_id: int
) -> Response:
    """Revoke one of my API tokens."""
    user_id = _signed_in(principal)
    with committing(session):
        ops.revoke_api_token(session, user_id, token_id)
    return redirect("/account?notice=revoked")


@pages.post("/account/password", response_class=HTMLResponse)
async def change_password(
    request: Request, session: SessionDep, principal: PrincipalDep, _csrf: CsrfDep
) -> Response:
    """Change my password; my other browsers are signed out."""
    user_id = _signed_in(principal)
    fields = await form_fields(request, "current_password", "new_password")
    current = _current_session_id(session, request)
    try:
        with committing(session):
            ops.change_password(
                session, user_id, fields["current_password"], fields["new_password"], current
            )
    except InvalidInput as error:
        return _account_page(request, session, principal, 422, **errors_of(error))
    return redirect("/account?notice=password")


def _current_session_id(session: Session, request: Request) -> int | None:
    cookie = request.cookies.get(SESSION_COOKIE, "")
    query = select(WebSession.id).where(WebSession.token_hash == token_hash(cookie))
    return session.scalar(query) if cookie else None


class RolePublic(BaseModel):
    role: str
    scope: str | None
    """``programme``, ``cluster``, ``organisation``, or null for the whole platform."""
    scope_id: int | None
    scope_name: str


class AccountPublic(BaseModel):
    id: int
    email: str
    name: str
    roles: list[RolePublic]


@api_router.get("/account")
def api_account(session: SessionDep, principal: PrincipalDep) -> AccountPublic:
    """Who the API token (or session) acts as, with their roles: a quick check of a token."""
    user_id = _signed_in(principal)
    user = session.get(User, user_id)
    assert user is not None
    roles = [
        RolePublic(
            role=grant.role.value,
            scope=grant.scope.kind,
            scope_id=grant.scope.columns()[f"{grant.scope.kind}_id"] if grant.scope.kind else None,
            scope_name=grant.scope_label,
        )
        for grant in grants_of(session, user_id)
    ]
    return AccountPublic(id=user.id, email=user.email, name=user.name, roles=roles)


router.include_router(pages)
router.include_router(signup.router)
router.include_router(account_links.router)
router.include_router(access_requests.router)
router.include_router(api_router)
