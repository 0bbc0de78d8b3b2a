"""The bulk import page: choose the kind of file, upload it, read the report of a dry run
(every problem with its row, column and value, or what would be created and updated), confirm.

Both the dry run and the real import are the importer's own :func:`import_files`, so the page
accepts exactly what ``clusterbridge import`` accepts. Between the two steps the upload waits on
the server (:mod:`clusterbridge.web.pending_imports`); confirming validates it again, since the
database may have changed meanwhile. Every route needs :attr:`Action.IMPORT_FILES`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData, UploadFile
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.registry.importers.kinds import KINDS
from clusterbridge.registry.importers.tables import ImportSummary, import_files
from clusterbridge.web import pending_imports
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.forms import actor_of, app_engine
from clusterbridge.web.import_columns import (
    DATA_FORMATS_GUIDE,
    column_docs,
    kind_label,
    template_csv,
)
from clusterbridge.web.pending_imports import PendingImport
from clusterbridge.web.templating import render

router = APIRouter(include_in_schema=False)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""Larger files go through the command line, which streams them and reports progress."""
FORM_ALLOWANCE = 64 * 1024
"""What a multipart body holds besides the file: boundaries, headers, the other fields."""
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".gz")
REPORT_ROWS = 1000
"""Problems listed on the page; a file wrong on every row would otherwise make a huge page."""
CHUNK = 1024 * 1024
DEFAULT_KIND = "organisations"
EXPIRED = (
    "This upload is no longer waiting for confirmation: it was imported already, or it expired "
    "after an hour. Upload the file again."
)


def too_large_message() -> str:
    return (
        f"The file is larger than {MAX_UPLOAD_BYTES // 2**20} MB, the limit of this page. Split "
        "it into smaller files, or import it with the command line (clusterbridge import), "
        "which takes files of up to 200 MB."
    )


def require_importer(principal: PrincipalDep) -> Principal:
    """The permission of every route of the page, checked before anything is read."""
    authorize(principal, Action.IMPORT_FILES)
    return principal


def refuse_oversized(request: Request) -> None:
    """Refuse a too large upload by its declared length, before its body is read at all."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_UPLOAD_BYTES + FORM_ALLOWANCE:
        raise HTTPException(status_code=413, detail=too_large_message())


ImporterDep = Annotated[Principal, Depends(require_importer)]
SizeDep = Annotated[None, Depends(refuse_oversized)]


@dataclass(frozen=True)
class Upload:
    """The submitted upload form; ``data`` is None when no file came or it was too large."""

    kind: str
    file_name: str
    data: bytes | None
    too_large: bool = False


async def _read_limited(file: UploadFile) -> bytes | None:
    parts: list[bytes] = []
    size = 0
    while chunk := await file.read(CHUNK):
        size += len(chunk)
        if size > MAX_UPLOAD_BYTES:
            return None
        parts.append(chunk)
    return b"".join(parts)


async def _upload_of(form: FormData) -> Upload:
    kind, file = form.get("kind"), form.get("file")
    kind = kind if isinstance(kind, str) else ""
    if not isinstance(file, UploadFile) or not file.filename:
        return Upload(kind, "", None)
    data = await _read_limited(file)
    return Upload(kind, file.filename, data, too_large=data is None)


async def read_upload(request: Request) -> AsyncIterator[Upload]:
    """The upload form (parsed once; the CSRF check has read its token already)."""
    form = await request.form()
    try:
        yield await _upload_of(form)
    finally:
        await form.close()


def _upload_errors(upload: Upload) -> dict[str, str]:
    errors = {}
    if upload.kind not in KINDS:
        errors["kind"] = "Choose the kind of records the file holds."
    if not upload.file_name:
        errors["file"] = "Choose a CSV or XLSX file to upload."
    elif not upload.file_name.lower().endswith(SUFFIXES):
        errors["file"] = (
            f"“{upload.file_name}” is not a CSV or XLSX file. Save it as “CSV UTF-8” (.csv) "
            "or as an Excel workbook (.xlsx), then upload it again."
        )
    elif upload.too_large:
        errors["file"] = too_large_message()
    elif not upload.data:
        errors["file"] = "The file is empty."
    return errors


def _page(request: Request, principal: Principal, name: str, context: dict[str, Any]) -> Response:
    """Render one of the page's templates with the upload form's context (every page has it)."""
    status_code = context.pop("status_code", 200)
    chosen = context.pop("kind", None)
    chosen = chosen if chosen in KINDS else DEFAULT_KIND
    base: dict[str, Any] = {
        "nav": "import",
        "csrf_token": principal.csrf_token,
        "kind_label": kind_label,
        "kinds": list(KINDS),
        "chosen": chosen,
        "max_mb": MAX_UPLOAD_BYTES // 2**20,
        "errors": {},
    }
    return render(request, name, {**base, **context}, status_code=status_code)


def _form(request: Request, principal: Principal, kind: str | None, **context: Any) -> Response:
    chosen = kind if kind in KINDS else DEFAULT_KIND
    context = {"kind": chosen, "columns": column_docs(KINDS[chosen]), **context}
    return _page(request, principal, "import_form.html", {"guide": DATA_FORMATS_GUIDE, **context})


def _report(
    request: Request,
    principal: Principal,
    pending: PendingImport,
    problems: list[Problem],
    confirming: bool,
) -> Response:
    """The row-level report: every problem found (file-wide ones first), nothing written."""
    rows = sorted(problems, key=lambda p: (p.row is not None, p.row or 0))
    context = {
        "kind": pending.kind,
        "pending": pending,
        "problems": rows[:REPORT_ROWS],
        "total": len(problems),
        "confirming": confirming,
        "status_code": 422,
    }
    return _page(request, principal, "import_report.html", context)


def _summary(
    request: Request,
    principal: Principal,
    pending: PendingImport,
    summary: ImportSummary,
    done: bool,
) -> Response:
    context = {"kind": pending.kind, "pending": pending, "summary": summary, "done": done}
    return _page(request, principal, "import_summary.html", context)


def _run(
    request: Request, principal: Principal, pending: PendingImport, dry_run: bool
) -> ImportSummary:
    return import_files(
        [(pending.kind, pending.path)],
        actor=actor_of(principal),
        engine=app_engine(request),
        dry_run=dry_run,
    )


@router.get("/import", response_class=HTMLResponse)
def import_page(
    request: Request,
    principal: ImporterDep,
    kind: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    """Choose a kind, see its columns, upload a file."""
    return _form(request, principal, kind)


@router.get("/import/template/{kind}.csv")
def import_template(principal: ImporterDep, kind: str) -> Response:
    """An empty file of ``kind`` (its header row) to fill in."""
    if kind not in KINDS:
        raise HTTPException(status_code=404)
    headers = {"Content-Disposition": f'attachment; filename="{kind}.csv"'}
    return Response(template_csv(KINDS[kind]), media_type="text/csv", headers=headers)


@router.post("/import", response_class=HTMLResponse)
def upload_file(
    request: Request,
    principal: ImporterDep,
    _size: SizeDep,
    _csrf: CsrfDep,
    upload: Annotated[Upload, Depends(read_upload)],
) -> Response:
    """Dry run of the uploaded file: the problems found, or what it would change."""
    errors = _upload_errors(upload)
    if errors or upload.data is None or principal.user_id is None:
        return _form(request, principal, upload.kind, errors=errors, status_code=422)
    pending = pending_imports.save(principal.user_id, upload.kind, upload.file_name, upload.data)
    try:
        summary = _run(request, principal, pending, dry_run=True)
    except InvalidInput as error:
        pending_imports.discard(pending)
        return _report(request, principal, pending, error.problems, confirming=False)
    if not summary.changed:
        pending_imports.discard(pending)
    return _summary(request, principal, pending, summary, done=False)


@router.post("/import/confirm", response_class=HTMLResponse)
def confirm_import(
    request: Request,
    principal: ImporterDep,
    _csrf: CsrfDep,
    upload_id: Annotated[str, Form(max_length=100)],
) -> Response:
    """Import the reviewed upload for real, validating it again."""
    pending = pending_imports.claim(principal.user_id or 0, upload_id)
    if pending is None:
        return _form(request, principal, None, notice=EXPIRED, status_code=409)
    try:
        summary = _run(request, principal, pending, dry_run=False)
    except InvalidInput as error:
        return _report(request, principal, pending, error.problems, confirming=True)
    finally:
        pending_imports.discard(pending)
    return _summary(request, principal, pending, summary, done=True)
