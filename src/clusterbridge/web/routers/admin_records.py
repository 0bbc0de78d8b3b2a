"""Admin pages of programmes and industrial complexes: list, create, edit.

Both are registry records with an external id, a few fields and a version, so one set of
handlers serves both, configured by a :class:`RecordAdmin`. Values go through
:mod:`clusterbridge.registry.admin_operations`, which reads them with the importer's parsers;
its problems are shown at their fields.

Permissions: programmes are listed to their managers and administrators, created by platform
administrators (``MANAGE_PLATFORM``) and edited with ``MANAGE_PROGRAMME`` on the programme;
complexes need ``MANAGE_COMPLEXES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal, can
from clusterbridge.accounts.scopes import programme_target
from clusterbridge.core.errors import Conflict, InvalidInput
from clusterbridge.core.pages import Page
from clusterbridge.registry import admin_operations as ops
from clusterbridge.registry.enums import ComplexType
from clusterbridge.registry.importers.kinds import INDUSTRIAL_COMPLEXES, PROGRAMMES, Kind
from clusterbridge.registry.operations.fields import form_values
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import actor_of, field_errors, text_fields, write_session
from clusterbridge.web.routers.admin import FormDep, admin_areas, require_area
from clusterbridge.web.templating import label, render

router = APIRouter(include_in_schema=False)

PER_PAGE = 50
PageNumber = Annotated[int, Query(ge=1, le=100_000)]


@dataclass(frozen=True)
class Field:
    """One form field: its label, help text and widget (text, textarea or select)."""

    name: str
    label: str
    hint: str = ""
    widget: str = "text"
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RecordAdmin:
    """One kind of record on the admin pages."""

    kind: Kind
    path: str
    noun: str
    plural: str
    entity: str
    fields: tuple[Field, ...]
    may_list: Callable[[Principal], bool]
    may_create: Action
    authorize_edit: Callable[[Session, Principal, int], None]
    listed: Callable[[Principal], frozenset[int] | None]
    """The ids of the records the principal sees in the list (None: all of them)."""

    @property
    def editable(self) -> list[str]:
        return [f.name for f in self.fields if f.name != ops.KEY]


KEY_FIELD = Field(
    ops.KEY, "Registry id", "Your stable id for the record; files refer to it. It cannot change."
)
COUNTRY = Field("country", "Country", "ISO code such as ES or KR; English names are accepted.")


def _authorize_programme(session: Session, principal: Principal, programme_id: int) -> None:
    authorize(principal, Action.MANAGE_PROGRAMME, programme_target(session, programme_id))


def _authorize_complex(_session: Session, principal: Principal, _complex_id: int) -> None:
    authorize(principal, Action.MANAGE_COMPLEXES)


def _managed_programmes(principal: Principal) -> frozenset[int] | None:
    return None if can(principal, Action.MANAGE_PLATFORM) else principal.programmes


PROGRAMME_ADMIN = RecordAdmin(
    PROGRAMMES,
    "/admin/programmes",
    "programme",
    "Programmes",
    "programme",
    (
        KEY_FIELD,
        Field("name", "Name"),
        Field("agency", "Agency", "Registry id of the organisation that runs the programme."),
        COUNTRY,
        Field("description", "Description", widget="textarea"),
        Field("website", "Website", "Starting with https:// or http://."),
        Field("start_year", "Start year", "The year the programme started, e.g. 2015."),
    ),
    lambda principal: admin_areas(principal).programmes,
    Action.MANAGE_PLATFORM,
    _authorize_programme,
    _managed_programmes,
)

COMPLEX_ADMIN = RecordAdmin(
    INDUSTRIAL_COMPLEXES,
    "/admin/complexes",
    "industrial complex",
    "Industrial complexes",
    "industrial_complex",
    (
        KEY_FIELD,
        Field("name", "Name"),
        Field(
            "complex_type",
            "Type",
            widget="select",
            choices=tuple((t.value, label(t)) for t in ComplexType),
        ),
        COUNTRY,
        Field("region", "Region", "ISO 3166-2 subdivision (KR-48) or NUTS code (ES51)."),
        Field("managing_body", "Managing body", "Registry id of the organisation managing it."),
        Field("area_km2", "Area (km²)", "A number, e.g. 32.5."),
    ),
    lambda principal: can(principal, Action.MANAGE_COMPLEXES),
    Action.MANAGE_COMPLEXES,
    _authorize_complex,
    lambda _principal: None,
)


def _listing(session: Session, principal: Principal, admin: RecordAdmin, page: int) -> Page[Any]:
    model: Any = admin.kind.model
    query = select(model)
    listed = admin.listed(principal)
    if listed is not None:
        query = query.where(model.id.in_(sorted(listed)))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    offset = (page - 1) * PER_PAGE
    records = session.scalars(query.order_by(model.name).offset(offset).limit(PER_PAGE)).all()
    return Page(tuple(records), total, page, PER_PAGE)


def _list_page(
    request: Request, session: Session, principal: Principal, admin: RecordAdmin, page: int
) -> Response:
    require_area(principal, admin.may_list(principal))
    context = {
        "nav": "admin",
        "admin": admin,
        "results": _listing(session, principal, admin, page),
        "may_create": can(principal, admin.may_create),
    }
    return render(request, "admin_records.html", context)


def _form_page(
    request: Request, principal: Principal, admin: RecordAdmin, **context: Any
) -> Response:
    status_code = context.pop("status_code", 200)
    base = {"nav": "admin", "admin": admin, "errors": {}, "general": [], "record": None}
    context = {**base, "csrf_token": principal.csrf_token, **context}
    return render(request, "admin_record_form.html", context, status_code=status_code)


def _problem_page(
    request: Request, principal: Principal, admin: RecordAdmin, error: Exception, **context: Any
) -> Response:
    """The form again, with the submitted values and what is wrong with them."""
    if isinstance(error, InvalidInput):
        errors, general = field_errors(error.problems)
        return _form_page(
            request, principal, admin, errors=errors, general=general, status_code=422, **context
        )
    return _form_page(request, principal, admin, general=[str(error)], status_code=409, **context)


def _version(form: FormDep) -> int:
    value = form.get("version")
    if not isinstance(value, str) or not value.isdigit():
        raise HTTPException(status_code=400, detail="The form lacks the record's version.")
    return int(value)


def _new(
    request: Request, principal: Principal, admin: RecordAdmin, form: FormDep | None
) -> Response:
    authorize(principal, admin.may_create)
    names = [f.name for f in admin.fields]
    if form is None:
        return _form_page(request, principal, admin, values=dict.fromkeys(names, ""))
    values = text_fields(form, names)
    try:
        with write_session(request) as session:
            record_id = ops.create_record(session, admin.kind, values, actor_of(principal)).id
    except (InvalidInput, Conflict) as error:
        return _problem_page(request, principal, admin, error, values=values)
    return RedirectResponse(f"{admin.path}/{record_id}?saved=created", status_code=303)


def _edit(
    request: Request,
    session: Session,
    principal: Principal,
    admin: RecordAdmin,
    record_id: int,
    form: FormDep | None,
) -> Response:
    admin.authorize_edit(session, principal, record_id)
    record = ops.get_record(session, admin.kind, record_id)
    context: dict[str, Any] = {"record": record, "version": record.version}
    if form is None:
        values = form_values(admin.kind, record, admin.editable)
        saved = request.query_params.get("saved")
        return _form_page(request, principal, admin, values=values, saved=saved, **context)
    values = text_fields(form, admin.editable)
    version = context["version"] = _version(form)
    try:
        with write_session(request) as writer:
            ops.update_record(writer, admin.kind, record_id, values, version, actor_of(principal))
    except (InvalidInput, Conflict) as error:
        return _problem_page(request, principal, admin, error, values=values, **context)
    return RedirectResponse(f"{admin.path}/{record_id}?saved=updated", status_code=303)


def _add_pages(admin: RecordAdmin) -> None:
    """Register the pages of one kind of record: its list, the form for a new record, and the
    form of each record (``/new`` before ``/{record_id}`` so it is not read as an id)."""

    @router.get(admin.path, response_class=HTMLResponse, name=f"{admin.entity}_list")
    def list_records(
        request: Request, session: SessionDep, principal: PrincipalDep, page: PageNumber = 1
    ) -> Response:
        return _list_page(request, session, principal, admin, page)

    @router.get(f"{admin.path}/new", response_class=HTMLResponse, name=f"{admin.entity}_new")
    def new_record(request: Request, principal: PrincipalDep) -> Response:
        return _new(request, principal, admin, None)

    @router.post(f"{admin.path}/new", response_class=HTMLResponse, name=f"{admin.entity}_create")
    def create_record(
        request: Request, principal: PrincipalDep, _csrf: CsrfDep, form: FormDep
    ) -> Response:
        return _new(request, principal, admin, form)

    @router.get(f"{admin.path}/{{record_id}}", response_class=HTMLResponse, name=admin.entity)
    def record_page(
        request: Request, session: SessionDep, principal: PrincipalDep, record_id: int
    ) -> Response:
        return _edit(request, session, principal, admin, record_id, None)

    @router.post(
        f"{admin.path}/{{record_id}}", response_class=HTMLResponse, name=f"{admin.entity}_update"
    )
    def update_record(
        request: Request,
        session: SessionDep,
        principal: PrincipalDep,
        _csrf: CsrfDep,
        form: FormDep,
        record_id: int,
    ) -> Response:
        return _edit(request, session, principal, admin, record_id, form)


_add_pages(PROGRAMME_ADMIN)
_add_pages(COMPLEX_ADMIN)
