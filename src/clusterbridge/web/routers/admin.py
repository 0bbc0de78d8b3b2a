"""The administration dashboard, and what every admin page shares: which areas a principal may
manage (decided by :func:`permissions.can` alone), the header's Admin and Import links, and
reading a posted form.

The programme and complex pages are in :mod:`admin_records`, the user pages in
:mod:`admin_users`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.datastructures import FormData
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal, Target, can
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.page_principal import principal_in
from clusterbridge.web.templating import render, templates

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class AdminAreas:
    """The admin areas open to a principal."""

    programmes: bool
    create_programmes: bool
    complexes: bool
    users: bool
    all_users: bool
    import_files: bool

    @property
    def any(self) -> bool:
        return self.programmes or self.complexes or self.users or self.import_files


def admin_areas(principal: Principal) -> AdminAreas:
    """What ``principal`` may manage, asked of :func:`can` for each scope of their roles (no
    database query: the scopes are in the principal)."""
    programmes = [Target(programme_id=p) for p in sorted(principal.programmes)]
    clusters = [Target(cluster_id=c) for c in sorted(principal.clusters)]
    platform = can(principal, Action.MANAGE_PLATFORM)
    return AdminAreas(
        programmes=platform or any(can(principal, Action.MANAGE_PROGRAMME, t) for t in programmes),
        create_programmes=platform,
        complexes=can(principal, Action.MANAGE_COMPLEXES),
        users=platform
        or any(can(principal, Action.MANAGE_USERS, t) for t in programmes + clusters),
        all_users=platform,
        import_files=can(principal, Action.IMPORT_FILES),
    )


def require_area(principal: Principal, open_: bool) -> None:
    """401 for anonymous visitors, 403 for those the area is closed to."""
    authorize(principal, Action.USE_ACCOUNT)
    if not open_:
        raise HTTPException(status_code=403, detail="you are not allowed to do this")


async def posted_form(request: Request) -> FormData:
    """The posted form (parsed once; the CSRF check has read its token already)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(posted_form)]


@router.get("/admin", response_class=HTMLResponse)
def dashboard(request: Request, principal: PrincipalDep) -> Response:
    """The areas the signed-in user may manage."""
    areas = admin_areas(principal)
    require_area(principal, areas.any)
    return render(request, "admin_dashboard.html", {"nav": "admin", "areas": areas})


@pass_context
def admin_nav(context: Context) -> AdminAreas:
    """The admin areas of the request's principal, for the header's links."""
    return admin_areas(principal_in(context))


templates.env.globals["admin_nav"] = admin_nav
