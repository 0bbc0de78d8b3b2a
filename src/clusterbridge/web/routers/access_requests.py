"""The access requests a signed-in administrator or manager may decide, with approve and reject
buttons. Who may decide what is :func:`clusterbridge.accounts.roles.may_give`: the same rule
as inviting and granting (``MANAGE_USERS`` on the request's scope)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from clusterbridge.accounts import operations as ops
from clusterbridge.accounts.errors import NotAllowed
from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.core.errors import Conflict
from clusterbridge.web.account_pages import (
    committing,
    form_fields,
    page,
    redirect,
    send_mail_after,
)
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep

router = APIRouter(include_in_schema=False)

PATH = "/admin/access-requests"
DONE = {"approved": "Approved: the account is active with its role.", "rejected": "Rejected."}


def _require_manager(principal: Principal) -> int:
    """Signed in, and managing something (else 401 or 403); each request is then checked on
    its own scope."""
    if not (principal.programmes or principal.clusters):
        authorize(principal, Action.MANAGE_USERS)
    assert principal.user_id is not None
    return principal.user_id


@router.get(PATH, response_class=HTMLResponse)
def access_requests(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    done: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """The pending requests the viewer may decide, oldest first."""
    _require_manager(principal)
    context = {
        "nav": "access-requests",
        "requests": ops.pending_access_requests(session, principal),
        "notice": DONE.get(done or ""),
    }
    return page(request, "account_access_requests.html", context, principal=principal)


@router.post(PATH + "/{request_id}")
async def decide(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    _csrf: CsrfDep,
    request_id: int,
) -> Response:
    """Approve or reject one request (403 if it is outside the viewer's scope)."""
    user_id = _require_manager(principal)
    decision = (await form_fields(request, "decision"))["decision"]
    if decision not in ("approve", "reject"):
        raise HTTPException(status_code=400, detail="Choose approve or reject.")
    try:
        with committing(session):
            ops.decide_access_request(
                session, request_id, approve=decision == "approve", decided_by=user_id
            )
    except NotAllowed as error:
        raise HTTPException(status_code=403, detail=str(error)) from None
    except Conflict:
        return redirect(PATH)  # decided meanwhile (by someone else, or a double click)
    return send_mail_after(request, redirect(f"{PATH}?done={decision}d"))
