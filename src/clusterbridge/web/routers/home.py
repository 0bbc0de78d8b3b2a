"""The home page: what ClusterBridge is, the programme portfolio and key figures."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from clusterbridge.registry import queries
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep) -> Response:
    context = {
        "nav": "home",
        "programmes": queries.programme_portfolio(session),
        "figures": queries.key_figures(session),
    }
    return render(request, "home.html", context)
