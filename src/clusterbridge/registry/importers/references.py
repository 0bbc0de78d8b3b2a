"""Looking up records by the external ids that files use to refer to them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from clusterbridge.registry import models as m

CHUNK = 500


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = list(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _id_and_key(kind: str) -> Select[int, str]:
    """A query of (id, external key) for the records of ``kind`` that other files refer to."""
    if kind == "clusters":
        return select(m.Cluster.id, m.Organisation.external_id).join(m.Cluster.organisation)
    model: Any = {
        "organisations": m.Organisation,
        "programmes": m.Programme,
        "industrial_complexes": m.IndustrialComplex,
        "collaborations": m.Collaboration,
        "persons": m.Person,
    }[kind]
    return select(model.id, model.external_id)


def _key_column(kind: str) -> Any:
    return _id_and_key(kind).selected_columns[1]


def resolve_ids(session: Session, kind: str, keys: Iterable[str]) -> dict[str, int]:
    """Map external keys of ``kind`` to database ids (keys not found are left out)."""
    query = _id_and_key(kind)
    column = _key_column(kind)
    found: dict[str, int] = {}
    for chunk in _chunks(set(keys)):
        for id_, key in session.execute(query.where(column.in_(chunk))):
            found[key] = id_
    return found


def existing_keys(session: Session, kind: str, keys: Iterable[str]) -> set[str]:
    return set(resolve_ids(session, kind, keys))


def keys_by_id(session: Session, kind: str) -> dict[int, str]:
    """Every record of ``kind`` as id -> external key (for exports)."""
    return dict(session.execute(_id_and_key(kind)).all())
