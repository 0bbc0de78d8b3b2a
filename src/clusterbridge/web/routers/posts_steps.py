"""The steps taken on a post's page: its organisation closes or reopens it and answers the
interest it received; other organisations express interest and may withdraw it.

Each step checks who acts for which organisation (401 before anything is looked up, then 404,
then 403), calls one operation and goes back to the post's page with a notice.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.accounts.scopes import organisation_target
from clusterbridge.core.errors import Conflict, InvalidInput, NotFound, Problem
from clusterbridge.matchmaking.posts import operations as ops
from clusterbridge.matchmaking.posts.inputs import as_date
from clusterbridge.matchmaking.posts.models import ExpressionOfInterest
from clusterbridge.registry.models import Organisation
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import text_fields
from clusterbridge.web.routers.api_common import Id
from clusterbridge.web.routers.edit import FormDep
from clusterbridge.web.routers.posts_view import require_sign_in, show_post

router = APIRouter(include_in_schema=False)


def _done(post_id: int, done: str) -> Response:
    return RedirectResponse(f"/posts/{post_id}?done={done}", status_code=303)


def _for_post(session: Session, principal: Principal, post_id: int) -> None:
    """401 unless signed in; 404 for no post; 403 unless acting for its organisation."""
    require_sign_in(principal)
    post = ops.get_post(session, post_id)
    authorize(principal, Action.PUBLISH_POST, organisation_target(session, post.organisation_id))


@router.post("/posts/{post_id}/close", response_class=HTMLResponse)
def close(session: SessionDep, principal: PrincipalDep, post_id: Id, _: CsrfDep) -> Response:
    _for_post(session, principal, post_id)
    ops.close_post(session, post_id, actor_id=principal.user_id)
    session.commit()
    return _done(post_id, "closed")


@router.post("/posts/{post_id}/reopen", response_class=HTMLResponse)
def reopen(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    post_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    _for_post(session, principal, post_id)
    raw = text_fields(form, ("expires_on",))["expires_on"]
    expires_on = as_date(raw) if raw else None
    try:
        if raw and expires_on is None:
            raise InvalidInput([Problem("give a date like 2027-06-30", column="expires_on")])
        ops.reopen_post(session, post_id, expires_on=expires_on, actor_id=principal.user_id)
    except InvalidInput as exc:
        session.rollback()
        problem = "; ".join(p.reason for p in exc.problems)
        return show_post(request, session, principal, post_id, status=422, problem=problem)
    session.commit()
    return _done(post_id, "reopened")


@router.post("/posts/{post_id}/interests", response_class=HTMLResponse)
def express(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    post_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    require_sign_in(principal)
    ops.get_post(session, post_id)
    sent = text_fields(form, ("organisation_id", "message"))
    raw = sent["organisation_id"]
    if not raw.isdigit() or len(raw) > 9 or session.get(Organisation, int(raw)) is None:
        problem = Problem("choose the organisation you answer for", column="organisation_id")
        return show_post(request, session, principal, post_id, sent, [problem], 422)
    organisation = int(raw)
    authorize(principal, Action.EXPRESS_INTEREST, organisation_target(session, organisation))
    try:
        ops.express_interest(
            session,
            post_id,
            organisation,
            sent["message"],
            author_id=principal.user_id,
            actor_id=principal.user_id,
        )
    except InvalidInput as exc:
        session.rollback()
        return show_post(request, session, principal, post_id, sent, exc.problems, 422)
    except Conflict as exc:
        session.rollback()
        return show_post(request, session, principal, post_id, sent, status=409, problem=str(exc))
    session.commit()
    return _done(post_id, "sent")


def _interest(session: Session, post_id: int, interest_id: int) -> ExpressionOfInterest:
    """The interest, when it belongs to the post in the address (404 otherwise)."""
    interest = ops.get_interest(session, interest_id)
    if interest.post_id != post_id:
        raise NotFound(f"There is no expression of interest with id {interest_id} here.")
    return interest


@router.post("/posts/{post_id}/interests/{interest_id}/respond", response_class=HTMLResponse)
def respond(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    post_id: Id,
    interest_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    _for_post(session, principal, post_id)
    _interest(session, post_id, interest_id)
    answer = text_fields(form, ("answer",))["answer"]
    if answer not in ("accept", "decline"):
        problem = "Choose to accept or to decline."
        return show_post(request, session, principal, post_id, status=422, problem=problem)
    try:
        ops.respond_interest(session, interest_id, answer == "accept", actor_id=principal.user_id)
    except Conflict as exc:
        session.rollback()
        return show_post(request, session, principal, post_id, status=409, problem=str(exc))
    session.commit()
    return _done(post_id, "accepted" if answer == "accept" else "declined")


@router.post("/posts/{post_id}/interests/{interest_id}/withdraw", response_class=HTMLResponse)
def withdraw(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    post_id: Id,
    interest_id: Id,
    _: CsrfDep,
) -> Response:
    require_sign_in(principal)
    interest = _interest(session, post_id, interest_id)
    target = organisation_target(session, interest.organisation_id)
    authorize(principal, Action.EXPRESS_INTEREST, target)
    try:
        ops.withdraw_interest(session, interest_id, actor_id=principal.user_id)
    except Conflict as exc:
        session.rollback()
        return show_post(request, session, principal, post_id, status=409, problem=str(exc))
    session.commit()
    return _done(post_id, "withdrawn")
