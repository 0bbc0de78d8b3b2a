"""What every endpoint of the registry API shares: one error shape, versions as ETags,
preconditions on writes, cursor paging of lists, and the signed-in writer.

Errors are JSON of one shape, ``{"detail": ..., "errors": [{"field": ..., "message": ...}],
"request_id": ...}``, whether a value fails the request schema or the registry's own checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.core.errors import (
    ClusterBridgeError,
    Conflict,
    InvalidInput,
    NotFound,
    Problem,
)
from clusterbridge.registry.operations import StaleVersion
from clusterbridge.registry.queries import CursorPage
from clusterbridge.web.auth import PrincipalDep, authorize
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.errors import MAX_ID, request_id

Cursor = Annotated[
    str | None, Query(pattern=r"^\d{1,18}$", description="`next_cursor` of the previous page.")
]
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
NO_NUL = r"^[^\x00]*$"
"""Text parameters: PostgreSQL text cannot hold NUL characters, so none can match anything."""
Text = Annotated[
    str | None, Query(max_length=200, pattern=NO_NUL, description="Words to search for.")
]
Country = Annotated[
    str | None, Query(max_length=2, pattern=NO_NUL, description="ISO 3166 alpha-2 code.")
]


def text_query(max_length: int, description: str | None = None) -> Any:
    """A query parameter of free text."""
    return Query(max_length=max_length, pattern=NO_NUL, description=description)


IfMatch = Annotated[
    str | None,
    Header(description='The ETag of the version being changed, e.g. `W/"12-3"`.'),
]
"""Ids are 32-bit on PostgreSQL; larger ones name no record (and would overflow a bind)."""
Id = Annotated[int, Path(ge=1, le=MAX_ID)]


def id_query(description: str) -> Any:
    """A query parameter naming a record by id."""
    return Query(ge=1, le=MAX_ID, description=description)


ETAG = re.compile(r'^\s*(?:W/)?"(\d+)-(\d+)"\s*$')


class FieldError(BaseModel):
    field: str
    message: str


class ErrorBody(BaseModel):
    """Every error of the API."""

    detail: str
    errors: list[FieldError] = Field(default_factory=list)
    current_version: int | None = None
    """On 409: the version the record has now."""
    request_id: str


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in (
        (401, "Not signed in (send `Authorization: Bearer <token>`)."),
        (403, "Signed in, but not allowed to do this."),
        (404, "No such record."),
        (422, "A value is not valid; `errors` names each field."),
    )
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    409: {"model": ErrorBody, "description": "Changed by someone else since that version."},
    428: {"model": ErrorBody, "description": "`If-Match` (or `version`) is required."},
}


def error_json(
    request: Request,
    status: int,
    detail: str,
    errors: Iterable[FieldError] = (),
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = ErrorBody(detail=detail, errors=list(errors), request_id=request_id(request), **extra)
    return JSONResponse(body.model_dump(exclude_none=True), status, dict(headers or {}))


def schema_errors(exc: RequestValidationError) -> list[FieldError]:
    """Pydantic's errors, named like the registry's: 'participants.0.role'."""
    found = []
    for error in exc.errors():
        place = [str(part) for part in error["loc"] if part not in ("body", "query", "path")]
        found.append(FieldError(field=".".join(place) or "body", message=error["msg"]))
    return found


def problem_errors(problems: Sequence[Problem]) -> list[FieldError]:
    return [FieldError(field=p.column or "body", message=p.reason) for p in problems]


class RegistryRoute(APIRoute):
    """Turns validation failures and stale writes into the API's one error shape."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await handle(request)
            except RequestValidationError as exc:
                return error_json(request, 422, "invalid request", schema_errors(exc))
            except InvalidInput as exc:
                return error_json(request, 422, "invalid values", problem_errors(exc.problems))
            except HTTPException as exc:
                headers = dict(exc.headers or {})
                if exc.status_code == 401:
                    headers.setdefault("WWW-Authenticate", "Bearer")
                return error_json(request, exc.status_code, str(exc.detail), headers=headers)
            except NotFound as exc:
                return error_json(request, 404, str(exc))
            except PreconditionRequired as exc:
                return error_json(request, 428, str(exc))
            except StaleVersion as exc:
                return stale_response(request, exc)
            except Conflict as exc:
                return error_json(request, 409, str(exc))

        return handler


def stale_response(request: Request, exc: StaleVersion) -> JSONResponse:
    headers = {}
    if exc.current_version is not None:
        headers["ETag"] = etag(exc.entity_id, exc.current_version)
    return error_json(request, 409, str(exc), headers=headers, current_version=exc.current_version)


class PreconditionRequired(ClusterBridgeError):
    """A write names no version: 428, so a client cannot overwrite blindly."""


def etag(entity_id: int, version: int) -> str:
    return f'W/"{entity_id}-{version}"'


def expected_version(if_match: str | None, version: int | None, entity_id: int) -> int:
    """The version a write is based on, from ``If-Match`` or the body's ``version``.

    An ETag of another record counts as stale (version 0), so it meets a 409."""
    if if_match is None:
        if version is None:
            raise PreconditionRequired(
                "This write needs the version it is based on: send the ETag of your last read "
                "as If-Match, or its version as `version`."
            )
        return version
    match = ETAG.match(if_match)
    if match is None:
        reason = 'If-Match must be an ETag of this record, e.g. W/"12-3"'
        raise InvalidInput([Problem(reason, column="If-Match", value=if_match)])
    tagged = int(match.group(2)) if int(match.group(1)) == entity_id else 0
    if version is not None and version != tagged:
        raise InvalidInput([Problem("differs from the If-Match header", column="version")])
    return tagged


def versioned(response: Response, entity_id: int, version: int) -> None:
    response.headers["ETag"] = etag(entity_id, version)


def after(cursor: str | None) -> int | None:
    """The id a cursor stands for; beyond the largest id there is nothing after it."""
    return min(int(cursor), MAX_ID) if cursor else None


def next_cursor(next_id: int | None) -> str | None:
    return None if next_id is None else str(next_id)


@dataclass(frozen=True, slots=True)
class Paging:
    """Where a list request starts (after which id, None from the start) and how many items
    it wants: the ``cursor`` and ``limit`` query parameters every list takes."""

    after: int | None
    limit: int


def paging(cursor: Cursor = None, limit: Limit = 25) -> Paging:
    return Paging(after(cursor), limit)


PagingDep = Annotated[Paging, Depends(paging)]
ListT = TypeVar("ListT", bound=BaseModel)


def cursor_list(listing: type[ListT], item: type[BaseModel], page: CursorPage[Any]) -> ListT:
    """A page of records in the API's list shape: each record as ``item``, and the cursor of
    the next page as text (null at the end)."""
    items = [item.model_validate(record) for record in page.items]
    return listing(items=items, next_cursor=next_cursor(page.next_cursor))


def require_writer(principal: PrincipalDep, _csrf: CsrfDep) -> Principal:
    """Every write needs a signed-in principal (401 before anything else is looked at)."""
    authorize(principal, Action.USE_ACCOUNT)
    return principal


WriterDep = Annotated[Principal, Depends(require_writer)]


@contextmanager
def current_version_on_conflict(session: Session, model: Any, entity_id: int) -> Iterator[None]:
    """When the version column caught a concurrent write, look up the version it left, so the
    409 tells the client which version to read."""
    try:
        yield
    except StaleVersion as exc:
        if exc.current_version is not None:
            raise
        session.rollback()
        current = session.scalar(select(model.version).where(model.id == entity_id))
        raise StaleVersion(exc.entity, entity_id, current) from None
