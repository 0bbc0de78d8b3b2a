"""Shared steps of the write operations: read input the way import files are read, compare it
with the record, apply only what changed, and check the version the editor saw.

Input arrives as text (forms), JSON values (the API) or Python values (the CLI, tests). Each value
is turned into the text a file cell would hold and parsed by the importer's own
:class:`~clusterbridge.registry.importers.kinds.Column`, so a value valid in a file is valid in a
form or an API call and vice versa.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from clusterbridge.core import audit
from clusterbridge.core.errors import Conflict, InvalidInput, NotFound, Problem, UnknownCode
from clusterbridge.core.models import utcnow
from clusterbridge.registry import models as m
from clusterbridge.registry.importers.kinds import Column, Kind, format_value
from clusterbridge.registry.importers.references import resolve_ids

RawValue = str | int | float | Decimal | date | enum.Enum | Sequence[str] | None
"""One input value: text as in a file cell, or a typed value that is written out as such text."""
Changes = Mapping[str, RawValue]
RecordT = TypeVar("RecordT")


class StaleVersion(Conflict):
    """The record changed since the editor read it; nothing was written."""

    def __init__(self, entity: str, entity_id: int, current_version: int | None) -> None:
        self.entity = entity
        self.entity_id = entity_id
        self.current_version = current_version
        now = f" (now version {current_version})" if current_version is not None else ""
        super().__init__(
            f"This {entity} was changed by someone else meanwhile{now}; "
            "nothing was saved. Reload it, then apply your changes again."
        )


def as_text(value: RawValue) -> str:
    """The file-cell text of an input value: lists joined with ';', dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return str(value).lower()  # refused by every parser, with the parser's own reason
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return ";".join(as_text(item) for item in value)


def parse_value(
    column: Column, raw: RawValue, field: str | None = None
) -> tuple[Any, Problem | None]:
    """Parse one value with its column's parser; empty means None (or the column's default)."""
    text = as_text(raw) or column.default
    field = field or column.name
    if not text:
        if column.required:
            return None, Problem("a value is required", column=field, value="")
        return (() if column.is_child_list else None), None
    if "\x00" in text:
        return None, Problem("must not contain NUL characters", column=field, value=text)
    try:
        return column.parse(text), None
    except (ValueError, UnknownCode) as error:
        return None, Problem(str(error), column=field, value=text)


def parse_fields(
    kind: Kind, changes: Changes, allowed: Collection[str]
) -> tuple[dict[str, Any], list[Problem]]:
    """Typed values of ``changes`` by field, and a problem for each value that is not valid."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, raw in changes.items():
        if name not in allowed:
            problems.append(Problem("this field cannot be changed here", column=name))
            continue
        value, problem = parse_value(kind.column(name), raw)
        if problem:
            problems.append(problem)
        else:
            values[name] = value
    return values, problems


def raise_problems(problems: list[Problem]) -> None:
    if problems:
        raise InvalidInput(problems)


def get_existing(session: Session, model: type[RecordT], record_id: int, noun: str) -> RecordT:
    """The record with ``record_id``, or :class:`NotFound` naming it as ``noun``."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(f"There is no {noun} with id {record_id}.")
    return record


def external_id_problems(
    session: Session, kind: Kind, external_id: str, taken: str
) -> list[Problem]:
    """A new record's external id must be valid in the file's column and not yet in use (the
    problem then says ``taken``)."""
    _, problem = parse_value(kind.column("external_id"), external_id)
    if problem:
        return [problem]
    model: Any = kind.model
    if session.scalar(select(model.id).where(model.external_id == external_id)) is None:
        return []
    return [Problem(taken, column="external_id", value=external_id)]


@dataclass(frozen=True)
class ChildList:
    """How a kind keeps its list columns as child rows (codes, focus, programme parts)."""

    relationship: str
    make: Callable[[Any], Any]
    value_of: Callable[[Any], Any]


CHILD_LISTS: dict[str, ChildList] = {
    "organisations": ChildList(
        "codes",
        lambda v: m.OrganisationCode(vocabulary=v[0], code=v[1]),
        lambda c: (c.vocabulary, c.code),
    ),
    "clusters": ChildList(
        "focus",
        lambda v: m.ClusterFocus(vocabulary=v[0], code=v[1]),
        lambda c: (c.vocabulary, c.code),
    ),
    "collaborations": ChildList(
        "programme_parts", lambda v: m.CollaborationProgrammePart(part=v), lambda c: c.part
    ),
}


def _belongs(column: Column, value: Any) -> bool:
    return column.parts or value[0] in column.vocabularies


def current_value(kind: Kind, obj: Any, name: str) -> Any:
    """A field's value on a record, typed as the column's parser returns it."""
    column = kind.column(name)
    if column.is_child_list:
        spec = CHILD_LISTS[kind.name]
        items = (spec.value_of(child) for child in getattr(obj, spec.relationship))
        return tuple(sorted(item for item in items if _belongs(column, item)))
    if column.ref:
        target = getattr(obj, column.name)
        return None if target is None else target.external_id
    return getattr(obj, column.attribute)


def form_values(kind: Kind, obj: Any, names: Collection[str]) -> dict[str, str]:
    """The fields of a record as the text a form (or a file) shows."""
    return {name: format_value(kind.column(name), current_value(kind, obj, name)) for name in names}


def resolve_references(
    session: Session, kind: Kind, values: Mapping[str, Any]
) -> tuple[dict[str, int | None], list[Problem]]:
    """Database ids of the reference fields in ``values`` (external ids, as files give them)."""
    ids: dict[str, int | None] = {}
    problems: list[Problem] = []
    for name, key in values.items():
        column = kind.column(name)
        if not column.ref:
            continue
        if key is None:
            ids[name] = None
            continue
        found = resolve_ids(session, column.ref, [key]).get(key)
        if found is None:
            reason = f"no {column.ref.replace('_', ' ').rstrip('s')} with this id"
            problems.append(Problem(reason, column=name, value=key))
        ids[name] = found
    return ids, problems


def jsonable(value: Any) -> Any:
    """A field value for the audit log: lists of codes as 'VOCABULARY:code' strings."""
    if isinstance(value, tuple):
        return [
            ":".join(str(audit.jsonable(p)) for p in item) if isinstance(item, tuple) else item
            for item in value
        ]
    return audit.jsonable(value)


Diff = tuple[dict[str, Any], dict[str, Any]]


def apply_values(
    kind: Kind, obj: Any, values: Mapping[str, Any], ids: Mapping[str, int | None]
) -> Diff:
    """Set the fields that differ; return their before and after values (for the audit log)."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name, value in values.items():
        old = current_value(kind, obj, name)
        if old == value:
            continue
        before[name], after[name] = jsonable(old), jsonable(value)
        column = kind.column(name)
        if column.is_child_list:
            _sync_children(kind, obj, column, value)
        else:
            setattr(obj, column.attribute, ids[name] if column.ref else value)
    if after and hasattr(obj, "updated_at"):
        obj.updated_at = utcnow()  # also bumps the version when only child lists changed
    return before, after


def _sync_children(kind: Kind, obj: Any, column: Column, new: tuple[Any, ...]) -> None:
    """Remove and add child rows so the list equals ``new``; unchanged rows stay untouched
    (deleting and re-inserting the same code in one flush would break its unique key)."""
    spec = CHILD_LISTS[kind.name]
    children = getattr(obj, spec.relationship)
    mine = [child for child in children if _belongs(column, spec.value_of(child))]
    wanted = set(new)
    for child in mine:
        if spec.value_of(child) not in wanted:
            children.remove(child)
    have = {spec.value_of(child) for child in mine}
    children.extend(spec.make(value) for value in new if value not in have)


def check_version(entity: str, obj: Any, expected_version: int) -> None:
    """Refuse a write based on another version than the record's current one."""
    if obj.version != expected_version:
        raise StaleVersion(entity, obj.id, obj.version)


@contextmanager
def flushing(session: Session, entity: str, entity_id: int | None = None) -> Iterator[None]:
    """Run the block and flush. A concurrent write caught by the version column becomes
    :class:`StaleVersion`, a duplicate key :class:`Conflict`; the session is rolled back."""
    try:
        with session.no_autoflush:  # one UPDATE per record, so one version step per change
            yield
        session.flush()
    except StaleDataError:
        session.rollback()
        raise StaleVersion(entity, entity_id or 0, None) from None
    except IntegrityError:
        session.rollback()
        raise Conflict(
            f"Another {entity} with the same identifier was saved meanwhile; nothing was saved."
        ) from None


def record_change(
    session: Session, actor: str, action: str, entity: str, entity_id: int, diff: Diff
) -> None:
    before, after = diff
    audit.record(
        session,
        actor=actor,
        action=f"registry.{entity}.{action}",
        entity=entity,
        entity_id=entity_id,
        before=before or None,
        after=after or None,
    )


def missing_required(kind: Kind, given: Changes, names: Collection[str]) -> list[Problem]:
    """A problem for each required field of a new record that ``given`` leaves out."""
    return [
        Problem("a value is required", column=c.name, value="")
        for c in kind.columns
        if c.required and c.name in names and c.name not in given
    ]
