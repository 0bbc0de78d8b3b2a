"""Child lists of a record (industry and technology codes, programme parts), kept in their own
tables but read and written by files as one ';'-separated column."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.core.models import Base
from clusterbridge.registry import models as m
from clusterbridge.registry.importers.kinds import Kind

CHILD_TABLES: dict[str, tuple[type[Base], str]] = {
    "organisations": (m.OrganisationCode, "organisation_id"),
    "clusters": (m.ClusterFocus, "cluster_id"),
    "collaborations": (m.CollaborationProgrammePart, "collaboration_id"),
}

ChildLists = dict[int, dict[str, tuple[Any, ...]]]


def load_child_lists(
    session: Session, kind: Kind, parent_ids: list[int] | None = None
) -> ChildLists:
    """Child lists per parent id and column, sorted; all parents when ``parent_ids`` is None."""
    if kind.name not in CHILD_TABLES or parent_ids == []:
        return {}
    model: Any
    model, parent = CHILD_TABLES[kind.name]
    lists: dict[int, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    chunks = (
        [None]
        if parent_ids is None
        else [parent_ids[i : i + 500] for i in range(0, len(parent_ids), 500)]
    )
    for chunk in chunks:
        query = select(model)
        if chunk is not None:
            query = query.where(getattr(model, parent).in_(chunk))
        for child in session.scalars(query):
            column, value = _child_value(kind, child)
            lists[getattr(child, parent)][column].append(value)
    return {pid: {c: tuple(sorted(v)) for c, v in cols.items()} for pid, cols in lists.items()}


def _child_value(kind: Kind, child: Any) -> tuple[str, Any]:
    if isinstance(child, m.CollaborationProgrammePart):
        return "programme_parts", child.part
    column = next(c for c in kind.columns if child.vocabulary in c.vocabularies)
    return column.name, (child.vocabulary, child.code)


def child_rows(
    kind: Kind, parent_id: int, name: str, values: tuple[Any, ...]
) -> list[dict[str, Any]]:
    """Insert parameters for the child rows of one list column."""
    parent = CHILD_TABLES[kind.name][1]
    if kind.column(name).parts:
        return [{parent: parent_id, "part": part} for part in values]
    return [
        {parent: parent_id, "vocabulary": vocabulary, "code": code} for vocabulary, code in values
    ]
