"""The home page: what ClusterBridge is, the programme portfolio and key figures."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal, Target, can
from clusterbridge.registry import queries
from clusterbridge.web.auth import PrincipalDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, principal: PrincipalDep) -> Response:
    programmes = queries.programme_portfolio(session)
    context = {
        "nav": "home",
        "programmes": programmes,
        "figures": queries.key_figures(session),
        "scorecards": _scorecard_programmes(principal, [p.id for p in programmes]),
    }
    return render(request, "home.html", context)


def _scorecard_programmes(principal: Principal, programme_ids: list[int]) -> set[int]:
    """The programmes whose scorecard the visitor may open (their managers, administrators)."""
    if not principal.signed_in:
        return set()
    allowed = (
        p for p in programme_ids if can(principal, Action.VIEW_EVALUATION, Target(programme_id=p))
    )
    return set(allowed)
