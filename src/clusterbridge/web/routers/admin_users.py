"""Admin pages of users: who holds which role, giving and taking roles, disabling accounts.

Managers see and administer the users with roles in what they manage; platform administrators
(``MANAGE_PLATFORM``) everyone. Every write goes through the account operations
(:func:`roles.grant_role`, :func:`roles.revoke_role`, :func:`user_admin.set_account_status`),
which check ``MANAGE_USERS`` on the role's scope themselves; the pages check it first too, so a
scope id changed in the form is refused with 403 before anything is written.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.responses import Response

from clusterbridge.accounts import user_admin
from clusterbridge.accounts.errors import NotAllowed, invalid
from clusterbridge.accounts.models import AccountStatus, Role, RoleGrant, User
from clusterbridge.accounts.permissions import Action, Principal, can
from clusterbridge.accounts.queries import scope_labels
from clusterbridge.accounts.roles import (
    ROLE_LABELS,
    SCOPE_KIND,
    Scope,
    grant_role,
    may_give,
    revoke_role,
    scope_from_external_ids,
    scope_target,
)
from clusterbridge.accounts.users import find_user
from clusterbridge.core.errors import Conflict, InvalidInput, NotFound
from clusterbridge.registry.models import Cluster, Organisation, Programme
from clusterbridge.web.auth import PrincipalDep
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import field_errors, text_fields, write_session
from clusterbridge.web.routers.admin import FormDep, admin_areas, require_area
from clusterbridge.web.templating import render

router = APIRouter(include_in_schema=False)

GRANT_FIELDS = ("email", "role", "programme", "cluster", "organisation")
NOT_YOURS = "You may only give and take roles within the programmes or clusters you manage."
DONE = {
    "granted": "The role was given.",
    "revoked": "The role was taken away.",
    "disabled": "The account was disabled; its sessions have ended.",
    "enabled": "The account was enabled.",
}


def _require_users_area(principal: Principal) -> None:
    require_area(principal, admin_areas(principal).users)


def _grant_choices(session: Session, principal: Principal) -> dict[str, Any]:
    """The roles and scopes the principal may pick in the grant form."""
    platform = can(principal, Action.MANAGE_PLATFORM)
    programmes = select(Programme.id, Programme.name).order_by(Programme.name)
    clusters = (
        select(Cluster.id, Organisation.name, Cluster.acronym)
        .join(Organisation, Cluster.organisation_id == Organisation.id)
        .order_by(Organisation.name)
    )
    if not platform:
        programmes = programmes.where(Programme.id.in_(sorted(principal.programmes)))
        clusters = clusters.where(user_admin.reach_clusters(principal))
    cluster_options = [
        (id_, f"{name} ({acronym})" if acronym else name)
        for id_, name, acronym in session.execute(clusters)
    ]
    kinds: set[str | None] = {None} if platform else set()
    kinds |= {"programme"} if principal.programmes or platform else set()
    kinds |= {"cluster", "organisation"} if cluster_options else set()
    return {
        "role_options": [(r.value, ROLE_LABELS[r]) for r in Role if SCOPE_KIND[r] in kinds],
        "programme_options": [(id_, name) for id_, name in session.execute(programmes)],
        "cluster_options": cluster_options,
    }


def _scope_of(session: Session, role: Role, values: dict[str, str]) -> Scope:
    """The scope the form names for ``role``; raises :class:`InvalidInput` at its field."""
    kind = SCOPE_KIND[role]
    if kind is None:
        return Scope()
    given = values[kind]
    if kind == "organisation":
        if not given:
            raise invalid(kind, "Enter the registry id of the member's organisation.")
        try:
            return scope_from_external_ids(session, organisation=given)
        except NotFound:
            raise invalid(kind, "There is no organisation with this registry id.", given) from None
    if not given.isdigit():
        raise invalid(kind, f"Choose the {kind} of the {ROLE_LABELS[role].lower()}.")
    scope = Scope(**{f"{kind}_id": int(given)})
    try:
        scope_target(session, scope)
    except NotFound:
        raise invalid(kind, f"There is no such {kind}.", given) from None
    return scope


def _role_of(values: dict[str, str]) -> Role:
    try:
        return Role(values["role"])
    except ValueError:
        raise invalid("role", "Choose a role.", values["role"][:40]) from None


def _grant(
    request: Request, session: Session, principal: Principal, user: User | None, form: FormData
) -> Response:
    """Give the role the form names; 403 if its scope is not the principal's to give."""
    values = text_fields(form, GRANT_FIELDS)
    try:
        if user is None and (user := find_user(session, values["email"])) is None:
            raise invalid("email", "There is no account with this e-mail address.")
        role = _role_of(values)
        scope = _scope_of(session, role, values)
    except InvalidInput as error:
        return _grant_problem(request, session, principal, user, values, error)
    if not may_give(session, principal, role, scope):
        raise HTTPException(status_code=403, detail=NOT_YOURS)
    try:
        with write_session(request) as writer:
            target = writer.get(User, user.id)
            assert target is not None
            grant_role(writer, target, role, scope, by=principal.user_id)
    except NotAllowed as error:
        raise HTTPException(status_code=403, detail=str(error)) from None
    return RedirectResponse(f"/admin/users/{user.id}?done=granted", status_code=303)


def _grant_problem(
    request: Request,
    session: Session,
    principal: Principal,
    user: User | None,
    values: dict[str, str],
    error: InvalidInput,
) -> Response:
    errors, general = field_errors(error.problems)
    context = {"values": values, "errors": errors, "general": general, "status_code": 422}
    if user is None:
        return _users_page(request, session, principal, None, 1, **context)
    return _user_page(request, session, principal, user, **context)


def _users_page(
    request: Request,
    session: Session,
    principal: Principal,
    q: str | None,
    page: int,
    **context: Any,
) -> Response:
    status_code = context.pop("status_code", 200)
    context = {
        "nav": "admin",
        "q": q or "",
        "results": user_admin.list_users_in_reach(session, principal, q, page),
        "all_users": can(principal, Action.MANAGE_PLATFORM),
        "csrf_token": principal.csrf_token,
        "values": {},
        "errors": {},
        "general": [],
        **_grant_choices(session, principal),
        **context,
    }
    return render(request, "admin_users.html", context, status_code=status_code)


def _user_page(
    request: Request, session: Session, principal: Principal, user: User, **context: Any
) -> Response:
    status_code = context.pop("status_code", 200)
    grants = list(session.scalars(select(RoleGrant).where(RoleGrant.user_id == user.id)))
    revocable = {
        g.id
        for g in grants
        if user.id != principal.user_id and may_give(session, principal, g.role, Scope.of(g))
    }
    labels = scope_labels(session, (Scope.of(g) for g in grants))
    context = {
        "nav": "admin",
        "user": user,
        "grants": [(g, labels[Scope.of(g)], g.id in revocable) for g in grants],
        "role_labels": ROLE_LABELS,
        "may_set_status": user.id != principal.user_id
        and user_admin.may_manage_account(session, principal, user),
        "may_see_history": can(principal, Action.MANAGE_PLATFORM),
        "done": DONE.get(request.query_params.get("done", "")),
        "csrf_token": principal.csrf_token,
        "values": {},
        "errors": {},
        "general": [],
        **_grant_choices(session, principal),
        **context,
    }
    return render(request, "admin_user.html", context, status_code=status_code)


def _administered_user(session: Session, principal: Principal, user_id: int) -> User:
    """The user, if the principal administers them: everyone for platform administrators,
    otherwise users with a role the principal may give."""
    _require_users_area(principal)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"There is no user with id {user_id}.")
    if can(principal, Action.MANAGE_PLATFORM):
        return user
    if not any(may_give(session, principal, g.role, Scope.of(g)) for g in user.grants):
        raise HTTPException(status_code=403, detail=NOT_YOURS)
    return user


@router.get("/admin/users", response_class=HTMLResponse)
def users(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """The users the principal administers, with their roles, and a form to give a role."""
    _require_users_area(principal)
    return _users_page(request, session, principal, q, page)


@router.post("/admin/users/grant", response_class=HTMLResponse)
def grant_by_email(
    request: Request, session: SessionDep, principal: PrincipalDep, _csrf: CsrfDep, form: FormDep
) -> Response:
    _require_users_area(principal)
    return _grant(request, session, principal, None, form)


@router.get("/admin/users/{user_id}", response_class=HTMLResponse)
def user_page(
    request: Request, session: SessionDep, principal: PrincipalDep, user_id: int
) -> Response:
    user = _administered_user(session, principal, user_id)
    return _user_page(request, session, principal, user)


@router.post("/admin/users/{user_id}/grant", response_class=HTMLResponse)
def grant(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    _csrf: CsrfDep,
    form: FormDep,
    user_id: int,
) -> Response:
    user = _administered_user(session, principal, user_id)
    return _grant(request, session, principal, user, form)


@router.post("/admin/users/{user_id}/grants/{grant_id}/revoke", response_class=HTMLResponse)
def revoke(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    _csrf: CsrfDep,
    user_id: int,
    grant_id: int,
) -> Response:
    """Take one role away (not one's own: a manager cannot lock themselves out by mistake)."""
    user = _administered_user(session, principal, user_id)
    grant = session.get(RoleGrant, grant_id)
    if grant is None or grant.user_id != user_id:
        raise NotFound("This role was taken away already.")
    scope = Scope.of(grant)
    if not may_give(session, principal, grant.role, scope):
        raise HTTPException(status_code=403, detail=NOT_YOURS)
    if user_id == principal.user_id:
        message = "You cannot take away your own roles; another manager or an administrator can."
        return _user_page(request, session, principal, user, general=[message], status_code=409)
    with write_session(request) as writer:
        target = writer.get(User, user_id)
        assert target is not None
        revoke_role(writer, target, grant.role, scope, by=principal.user_id)
    return RedirectResponse(f"/admin/users/{user_id}?done=revoked", status_code=303)


@router.post("/admin/users/{user_id}/status", response_class=HTMLResponse)
def set_status(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    _csrf: CsrfDep,
    form: FormDep,
    user_id: int,
) -> Response:
    """Disable or enable the account (``status`` and the ``version`` the page showed)."""
    user = _administered_user(session, principal, user_id)
    values = text_fields(form, ("status", "version"))
    try:
        status = AccountStatus(values["status"])
    except ValueError:
        raise HTTPException(status_code=400, detail="Choose to disable or enable.") from None
    version = int(values["version"]) if values["version"].isdigit() else -1
    try:
        with write_session(request) as writer:
            user_admin.set_account_status(writer, user_id, status, version, principal.user_id or 0)
    except NotAllowed as error:
        raise HTTPException(status_code=403, detail=str(error)) from None
    except InvalidInput as error:
        general = [problem.reason for problem in error.problems]
        return _user_page(request, session, principal, user, general=general, status_code=409)
    except Conflict as error:
        return _user_page(request, session, principal, user, general=[str(error)], status_code=409)
    done = "disabled" if status is AccountStatus.DISABLED else "enabled"
    return RedirectResponse(f"/admin/users/{user_id}?done={done}", status_code=303)
