"""Managing the members of a cluster: add an organisation found by search, end a membership,
change a member's role. A role change ends the current period and starts a new one, so the
page lists past periods too: the history is kept, never overwritten."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.accounts.scopes import cluster_target
from clusterbridge.core.errors import InvalidInput, NotFound, Problem
from clusterbridge.registry import operations, queries
from clusterbridge.registry.enums import MembershipRole
from clusterbridge.registry.queries import memberships as membership_queries
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import actor_of, field_errors, text_fields
from clusterbridge.web.routers.api_common import Id, text_query
from clusterbridge.web.routers.edit import FormDep
from clusterbridge.web.templating import label, render

router = APIRouter(include_in_schema=False)

PER_PAGE = 50
SEARCH_RESULTS = 10
DONE = {
    "added": "The membership was added.",
    "ended": "The membership now ends on the date given.",
    "role": "The role was changed; the previous period stays in the history below.",
}
STALE = (
    "This membership was changed by someone else meanwhile, so nothing was saved. The list "
    "below shows its current state; apply your change again if it is still needed."
)
Search = Annotated[str | None, text_query(200)]
PageNumber = Annotated[int, Query(ge=1, le=100_000)]
Done = Annotated[str | None, Query(max_length=20)]


def members_page(
    request: Request,
    session: Session,
    principal: Principal,
    cluster_id: int,
    q: str | None = None,
    page: int = 1,
    status: int = 200,
    **extra: Any,
) -> Response:
    """The members page; ``extra`` carries a form's problems and values after a failed post."""
    today = queries.today_utc()
    filters = membership_queries.MembershipFilter(cluster_id=cluster_id)
    found = None
    if q and q.strip():
        found = queries.search_organisations(
            session, queries.OrganisationFilter(q=q), 1, SEARCH_RESULTS
        )
    context = {
        "nav": "clusters",
        "cluster": queries.get_cluster_profile(session, cluster_id).summary,
        "memberships": membership_queries.membership_page(session, filters, page, PER_PAGE, today),
        "today": today,
        "q": q or "",
        "found": found,
        "roles": [(role.value, label(role)) for role in MembershipRole],
        "csrf_token": principal.csrf_token,
        "form": None,
        **extra,
    }
    return render(request, "memberships_manage.html", context, status_code=status)


def _failed(
    request: Request,
    session: Session,
    principal: Principal,
    cluster_id: int,
    form: dict[str, str],
    problems: Collection[Problem],
    q: str | None = None,
) -> Response:
    """The page again, with each problem next to its field in the form that was sent."""
    errors, general = field_errors(problems)
    failed = {"values": form, "errors": errors, "general": general}
    return members_page(request, session, principal, cluster_id, q, status=422, form=failed)


def _authorized(session: Session, principal: Principal, cluster_id: int) -> None:
    authorize(principal, Action.MANAGE_MEMBERSHIPS, cluster_target(session, cluster_id))


@router.get("/clusters/{cluster_id}/members", response_class=HTMLResponse)
def manage_members(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    cluster_id: Id,
    q: Search = None,
    page: PageNumber = 1,
    done: Done = None,
) -> Response:
    _authorized(session, principal, cluster_id)
    notice = DONE.get(done or "")
    return members_page(request, session, principal, cluster_id, q, page, notice=notice)


@router.post("/clusters/{cluster_id}/members", response_class=HTMLResponse)
def add_member(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    cluster_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    _authorized(session, principal, cluster_id)
    sent = text_fields(form, ("organisation_id", "role", "since", "q"))
    sent["form"] = "add"
    org_id = sent["organisation_id"]
    try:
        if not org_id.isdigit():
            raise InvalidInput([Problem("choose an organisation", column="organisation_id")])
        operations.add_membership(
            session,
            cluster_id=cluster_id,
            organisation_id=int(org_id),
            role=sent["role"],
            since=sent["since"],
            actor=actor_of(principal),
        )
        session.commit()
    except InvalidInput as exc:
        session.rollback()
        return _failed(request, session, principal, cluster_id, sent, exc.problems, sent["q"])
    return RedirectResponse(f"/clusters/{cluster_id}/members?done=added", status_code=303)


def _membership_form(
    session: Session,
    principal: Principal,
    cluster_id: int,
    membership_id: int,
    form: FormData,
    name: str,
    fields: tuple[str, ...],
) -> dict[str, str]:
    """The fields sent by the ``name`` form of one membership, for the cluster's managers; 404
    unless the membership belongs to the cluster in the address, so changing one id in the URL
    reaches no other cluster's member."""
    _authorized(session, principal, cluster_id)
    record = membership_queries.get_membership(session, membership_id)
    if record.cluster_id != cluster_id:
        raise NotFound(f"There is no membership with id {membership_id} in this cluster.")
    sent = text_fields(form, fields)
    return sent | {"form": name, "membership_id": str(membership_id)}


@router.post("/clusters/{cluster_id}/members/{membership_id}/end", response_class=HTMLResponse)
def end_member(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    cluster_id: Id,
    membership_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    fields = ("until", "version")
    sent = _membership_form(session, principal, cluster_id, membership_id, form, "end", fields)

    def end(version: int) -> None:
        operations.end_membership(
            session, membership_id, sent["until"], version, actor_of(principal)
        )

    return _change(request, session, principal, cluster_id, sent, end, "ended")


@router.post("/clusters/{cluster_id}/members/{membership_id}/role", response_class=HTMLResponse)
def change_role(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    cluster_id: Id,
    membership_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    fields = ("role", "on", "version")
    sent = _membership_form(session, principal, cluster_id, membership_id, form, "role", fields)

    def change(version: int) -> None:
        operations.change_membership_role(
            session, membership_id, sent["role"], sent["on"], version, actor_of(principal)
        )

    return _change(request, session, principal, cluster_id, sent, change, "role")


def _change(
    request: Request,
    session: Session,
    principal: Principal,
    cluster_id: int,
    sent: dict[str, str],
    apply: Callable[[int], None],
    done: str,
) -> Response:
    """Apply a change of one membership seen at the form's version; the page again with the
    problems, or with the current state when someone changed the membership meanwhile."""
    version = int(sent["version"]) if sent["version"].isdigit() else 0
    try:
        apply(version)
        session.commit()
    except InvalidInput as exc:
        session.rollback()
        problems = [_on_field(p) for p in exc.problems]
        return _failed(request, session, principal, cluster_id, sent, problems)
    except operations.StaleVersion:
        session.rollback()
        return members_page(request, session, principal, cluster_id, status=409, stale=STALE)
    return RedirectResponse(f"/clusters/{cluster_id}/members?done={done}", status_code=303)


def _on_field(problem: Problem) -> Problem:
    """The role form calls the new period's start 'on'; the operation calls it 'since'."""
    if problem.column == "since":
        return Problem(problem.reason, column="on", value=problem.value)
    return problem
