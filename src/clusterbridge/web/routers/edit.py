"""Edit forms of organisation and cluster profiles.

Each field is checked by the registry's operation with the import's own parsers, and a problem
is shown next to its field with the values kept. A hidden ``version`` names the version the
form showed: if someone saved the record meanwhile, nothing is overwritten, and the page shows
the current values with the ones that were sent, to apply again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.accounts.scopes import cluster_target, organisation_target
from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.registry import models as m
from clusterbridge.registry import operations
from clusterbridge.registry.enums import LabelLevel, OrganisationKind, SizeClass
from clusterbridge.registry.importers.kinds import CLUSTERS, ORGANISATIONS, Kind
from clusterbridge.registry.operations.clusters import get_cluster
from clusterbridge.registry.operations.organisations import get_organisation
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import actor_of, field_errors, text_fields
from clusterbridge.web.registry_access import (
    authorize_cluster_move,
    may_move_cluster,
    may_view_private,
)
from clusterbridge.web.routers.api_common import Id
from clusterbridge.web.templating import label, render

router = APIRouter(include_in_schema=False)

CODES = "Separate codes with ';'."
STALE = (
    "This record was changed by someone else meanwhile, so nothing was saved. The form now "
    "shows the current values; your values are listed below it to apply again."
)


@dataclass(frozen=True)
class FormField:
    """One control of an edit form."""

    name: str
    label: str
    widget: str = "text"
    """text, textarea, select, date or number."""
    hint: str = ""
    options: tuple[tuple[str, str], ...] = ()
    required: bool = False


def _choices(values: Sequence[Any]) -> tuple[tuple[str, str], ...]:
    return tuple((str(v.value), label(v)) for v in values)


ORGANISATION_FORM = (
    FormField("kind", "Kind", "select", options=_choices(list(OrganisationKind)), required=True),
    FormField("name", "Name", required=True),
    FormField("name_latin", "Name in Latin letters", hint="If the name is in another script."),
    FormField("country", "Country", hint="ISO code (ES, KR) or the country's English name."),
    FormField("region", "Region", hint="ISO 3166-2 code, such as ES-CT or KR-48."),
    FormField("nuts", "NUTS region", hint="Such as ES51."),
    FormField("city", "City"),
    FormField("latitude", "Latitude", hint="Decimal degrees, such as 41.3851."),
    FormField("longitude", "Longitude", hint="Decimal degrees, such as 2.1734."),
    FormField("website", "Website", hint="Starting with https://"),
    FormField("description", "About", "textarea"),
    FormField("offers", "Offers", "textarea", hint="What the organisation offers partners."),
    FormField("needs", "Looking for", "textarea", hint="Partners or skills it looks for."),
    FormField("size_class", "Size", "select", options=_choices(list(SizeClass))),
    FormField("founding_year", "Founded", "number"),
    FormField("pic", "PIC", hint="The nine-digit EU Participant Identification Code."),
    FormField("industries", "Industries", hint=f"NACE (29.10) or NAICS:336111. {CODES}"),
    FormField("technologies", "Technologies", hint=f"Such as robotics-automation. {CODES}"),
    FormField("emerging_industries", "Emerging industries", hint=CODES),
)
PRIVATE_FORM = (
    FormField("vat", "VAT number", hint="Not public."),
    FormField("national_id", "National registration id", hint="Not public."),
)
CLUSTER_FORM = (
    FormField("acronym", "Acronym"),
    FormField("management_fte", "Management team (FTE)", hint="Such as 4.5."),
    FormField("label_level", "Management label", "select", options=_choices(list(LabelLevel))),
    FormField("label_valid_until", "Label valid until", "date", hint="YYYY-MM-DD"),
    FormField("founding_year", "Founded", "number"),
    FormField("strategy_areas", "Strategy areas", "textarea"),
    FormField("focus_industries", "Focus industries", hint=f"NACE or NAICS:<code>. {CODES}"),
    FormField("focus_technologies", "Focus technologies", hint=CODES),
    FormField("focus_emerging_industries", "Focus emerging industries", hint=CODES),
)


async def submitted_form(request: Request) -> FormData:
    """The posted form, read once (the CSRF check reads the same cached form)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(submitted_form)]


Update = Callable[[Session, Principal, Any, dict[str, str], int], None]
"""Applies changes (text by field) to a record seen at a version, on behalf of a principal."""


@dataclass(frozen=True)
class EditPage:
    """What differs between the two edit pages."""

    kind: Kind
    template: str
    fields: tuple[FormField, ...]
    record: Any
    back: str
    update: Update


def _update_organisation(
    session: Session, principal: Principal, record: Any, changes: dict[str, str], version: int
) -> None:
    operations.update_organisation(session, record.id, changes, version, actor_of(principal))


def _update_cluster(
    session: Session, principal: Principal, record: Any, changes: dict[str, str], version: int
) -> None:
    authorize_cluster_move(session, principal, record, changes)
    operations.update_cluster(session, record.id, changes, version, actor_of(principal))


def organisation_page(session: Session, principal: Principal, org_id: int) -> EditPage:
    """The organisation's edit page, for those who may edit it (private fields if allowed)."""
    authorize(principal, Action.EDIT_ORGANISATION, organisation_target(session, org_id))
    fields: tuple[FormField, ...] = ORGANISATION_FORM
    if may_view_private(session, principal, org_id):
        fields += PRIVATE_FORM
    organisation = get_organisation(session, org_id)
    back = f"/organisations/{org_id}"
    return EditPage(
        ORGANISATIONS, "organisation_edit.html", fields, organisation, back, _update_organisation
    )


def cluster_page(session: Session, principal: Principal, cluster_id: int) -> EditPage:
    """The cluster's edit page, for its managers (programme and complex if they may move it)."""
    authorize(principal, Action.EDIT_CLUSTER, cluster_target(session, cluster_id))
    cluster = get_cluster(session, cluster_id)
    fields: tuple[FormField, ...] = CLUSTER_FORM
    if may_move_cluster(principal, cluster):
        fields += (
            FormField("programme", "Programme", "select", options=_refs(session, m.Programme)),
            FormField(
                "industrial_complex",
                "Industrial complex",
                "select",
                options=_refs(session, m.IndustrialComplex),
            ),
        )
    back = f"/clusters/{cluster_id}"
    return EditPage(CLUSTERS, "cluster_edit.html", fields, cluster, back, _update_cluster)


def _refs(session: Session, model: Any) -> tuple[tuple[str, str], ...]:
    """(external id, name) of every programme or complex, for a select."""
    rows = session.execute(select(model.external_id, model.name).order_by(model.name))
    return tuple((key, name) for key, name in rows)


def show(
    request: Request,
    principal: Principal,
    page: EditPage,
    values: Mapping[str, str] | None = None,
    problems: Collection[Problem] = (),
    **extra: Any,
) -> Response:
    """The form with ``values`` (default: the record's) and each problem at its field."""
    names = [f.name for f in page.fields]
    errors, general = field_errors(problems)
    context = {
        "nav": "organisations" if page.kind is ORGANISATIONS else "clusters",
        "record": page.record,
        "fields": page.fields,
        "values": values or operations.form_values(page.kind, page.record, names),
        "record_version": page.record.version,
        "errors": errors,
        "general": general,
        "back": page.back,
        "csrf_token": principal.csrf_token,
        **extra,
    }
    status = 409 if extra.get("stale") else 422 if problems else 200
    return render(request, page.template, context, status_code=status)


def save(
    request: Request,
    session: Session,
    principal: Principal,
    page: EditPage,
    form: FormData,
) -> Response:
    """Apply the fields whose text changed (a field left out of the form is left as it is);
    the form again on a problem or a stale version."""
    names = [f.name for f in page.fields]
    current = operations.form_values(page.kind, page.record, names)
    sent = current | text_fields(form, [name for name in names if name in form])
    changes = {name: value for name, value in sent.items() if value != current[name]}
    version = str(form.get("version", ""))
    try:
        expected = int(version) if version.isdigit() else 0
        page.update(session, principal, page.record, changes, expected)
        session.commit()
    except InvalidInput as exc:
        session.rollback()
        return show(request, principal, page, sent, exc.problems)
    except operations.StaleVersion:
        session.rollback()
        session.refresh(page.record)
        mine = [(f.label, sent[f.name]) for f in page.fields if f.name in changes]
        return show(request, principal, page, stale=STALE, mine=mine)
    return RedirectResponse(page.back, status_code=303)


@router.get("/organisations/{organisation_id}/edit", response_class=HTMLResponse)
def edit_organisation(
    request: Request, session: SessionDep, principal: PrincipalDep, organisation_id: Id
) -> Response:
    return show(request, principal, organisation_page(session, principal, organisation_id))


@router.post("/organisations/{organisation_id}/edit", response_class=HTMLResponse)
def save_organisation(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    organisation_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    page = organisation_page(session, principal, organisation_id)
    return save(request, session, principal, page, form)


@router.get("/clusters/{cluster_id}/edit", response_class=HTMLResponse)
def edit_cluster(
    request: Request, session: SessionDep, principal: PrincipalDep, cluster_id: Id
) -> Response:
    return show(request, principal, cluster_page(session, principal, cluster_id))


@router.post("/clusters/{cluster_id}/edit", response_class=HTMLResponse)
def save_cluster(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    cluster_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    return save(request, session, principal, cluster_page(session, principal, cluster_id), form)
