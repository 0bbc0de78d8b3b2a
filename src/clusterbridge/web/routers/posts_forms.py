"""The forms to publish a post on behalf of an organisation and to edit it.

Each field is checked by the posts operations (codes with the taxonomy's parsers) and a problem
is shown next to its field with the values kept. The edit form names the version it showed: if
someone saved the post meanwhile, nothing is overwritten and the form shows the current values.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.accounts.scopes import organisation_target
from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.matchmaking.posts import access, queries
from clusterbridge.matchmaking.posts import operations as ops
from clusterbridge.matchmaking.posts.inputs import EDITABLE
from clusterbridge.registry.models import Organisation
from clusterbridge.registry.operations import StaleVersion
from clusterbridge.registry.queries.common import today_utc
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import field_errors, text_fields
from clusterbridge.web.routers.api_common import Id, text_query
from clusterbridge.web.routers.edit import FormDep
from clusterbridge.web.routers.posts_view import LABELS, require_sign_in
from clusterbridge.web.templating import render

router = APIRouter(include_in_schema=False)

Search = Annotated[str | None, text_query(200)]
TEXT_FIELDS = (
    *("post_type", "title", "description", "expires_on"),
    *("industries", "technologies", "countries"),
)
FIELD_LABELS = {
    "organisation_id": "Organisation",
    "post_type": "Type",
    "title": "Title",
    "description": "Description",
    "expires_on": "Open until",
    "industries": "Industries",
    "technologies": "Technologies",
    "countries": "Target countries",
    "kinds": "Partners sought",
}
STALE = (
    "This post was changed by someone else meanwhile, so nothing was saved. The form now shows "
    "the current values; apply your changes again."
)


def _form_page(
    request: Request,
    principal: Principal,
    values: Mapping[str, Any],
    *,
    post: queries.PostRecord | None = None,
    choices: Collection[access.OrganisationChoice] = (),
    problems: Collection[Problem] = (),
    status: int = 200,
    **extra: Any,
) -> Response:
    errors, general = field_errors(problems)
    context = {
        "nav": "posts",
        **LABELS,
        "post": post,
        "choices": choices,
        "may_search": principal.is_admin and post is None,
        "field_labels": FIELD_LABELS,
        "values": values,
        "errors": errors,
        "general": general,
        "csrf_token": principal.csrf_token,
        **extra,
    }
    return render(request, "posts_form.html", context, status_code=status)


def _choices(
    session: Session, principal: Principal, search: str | None
) -> list[access.OrganisationChoice]:
    """The organisations the user may publish for; 403 when there is none to offer."""
    require_sign_in(principal)
    choices = access.acting_organisations(session, principal, Action.PUBLISH_POST, search)
    if not choices and not principal.is_admin:
        raise HTTPException(status_code=403, detail="you act for no organisation that could post")
    return choices


@router.get("/posts/new", response_class=HTMLResponse)
def new_post(
    request: Request, session: SessionDep, principal: PrincipalDep, q: Search = None
) -> Response:
    choices = _choices(session, principal, q)
    values: dict[str, Any] = {
        "organisation_id": str(choices[0].id) if len(choices) == 1 else "",
        "expires_on": (today_utc() + timedelta(days=90)).isoformat(),
        "kinds": [],
        "q": q or "",
    }
    return _form_page(request, principal, values, choices=choices)


@router.post("/posts/new", response_class=HTMLResponse)
def publish(
    request: Request, session: SessionDep, principal: PrincipalDep, form: FormDep, _: CsrfDep
) -> Response:
    sent = _sent(form, ("organisation_id", "q"))
    choices = _choices(session, principal, sent["q"] or None)
    problems: list[Problem] = []
    organisation_id = _organisation(session, principal, sent["organisation_id"], problems)
    post_id = None
    try:
        if organisation_id is not None:
            values = ops.PostInput(
                organisation_id=organisation_id,
                author_id=principal.user_id,
                **{k: sent[k] for k in ("post_type", "title", "description", "expires_on")},
                **{k: sent[k] for k in ("industries", "technologies", "countries", "kinds")},
            )
            post_id = ops.create_post(session, values, actor_id=principal.user_id).id
    except InvalidInput as exc:
        problems.extend(exc.problems)
    if problems or post_id is None:
        session.rollback()
        return _form_page(request, principal, sent, choices=choices, problems=problems, status=422)
    session.commit()
    return RedirectResponse(f"/posts/{post_id}?done=published", status_code=303)


@router.get("/posts/{post_id}/edit", response_class=HTMLResponse)
def edit_post(
    request: Request, session: SessionDep, principal: PrincipalDep, post_id: Id
) -> Response:
    post = _own_post(session, principal, post_id)
    return _form_page(request, principal, _current(post), post=post)


@router.post("/posts/{post_id}/edit", response_class=HTMLResponse)
def save_post(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    post_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    post = _own_post(session, principal, post_id)
    sent = _sent(form, ("version",))
    changes = {k: sent[k] for k in EDITABLE}
    version = int(sent["version"]) if sent["version"].isdigit() else 0
    try:
        ops.update_post(session, post_id, changes, version, actor_id=principal.user_id)
    except InvalidInput as exc:
        session.rollback()
        return _form_page(request, principal, sent, post=post, problems=exc.problems, status=422)
    except StaleVersion:
        session.rollback()
        post = queries.get_post_record(session, post_id)
        return _form_page(request, principal, _current(post), post=post, status=409, stale=STALE)
    session.commit()
    return RedirectResponse(f"/posts/{post_id}?done=saved", status_code=303)


def _own_post(session: Session, principal: Principal, post_id: int) -> queries.PostRecord:
    """The post, once the user is known to act for its organisation (401, 404, 403)."""
    require_sign_in(principal)
    post = queries.get_post_record(session, post_id)
    authorize(principal, Action.PUBLISH_POST, organisation_target(session, post.organisation_id))
    return post


def _current(post: queries.PostRecord) -> dict[str, Any]:
    """A post's values as the form shows them."""
    return {
        "post_type": post.post_type.value,
        "title": post.title,
        "description": post.description,
        "expires_on": post.expires_on.isoformat(),
        "industries": "; ".join(post.industries),
        "technologies": "; ".join(post.technologies),
        "countries": "; ".join(post.countries),
        "kinds": list(post.kinds),
        "version": str(post.version),
    }


def _sent(form: FormData, extra: tuple[str, ...]) -> dict[str, Any]:
    """The submitted fields as text (and the ticked kinds), to check and to show again."""
    sent: dict[str, Any] = text_fields(form, (*TEXT_FIELDS, *extra))
    sent["kinds"] = [value for value in form.getlist("kinds") if isinstance(value, str)]
    return sent


def _organisation(
    session: Session, principal: Principal, raw: str, problems: list[Problem]
) -> int | None:
    """The chosen organisation, once the user is known to act for it (403 if not)."""
    if not raw.isdigit() or len(raw) > 9 or session.get(Organisation, int(raw)) is None:
        problems.append(Problem("choose the organisation you post for", column="organisation_id"))
        return None
    authorize(principal, Action.PUBLISH_POST, organisation_target(session, int(raw)))
    return int(raw)
