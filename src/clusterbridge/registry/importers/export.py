"""Writing the registry back to the files it imports from, one CSV per kind.

The output is canonical (rows sorted by key, lists sorted), so exporting, importing into an
empty database and exporting again gives byte-identical files.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from clusterbridge.core.db import transaction
from clusterbridge.registry.importers.children import load_child_lists
from clusterbridge.registry.importers.kinds import KINDS, Kind, format_value
from clusterbridge.registry.importers.references import keys_by_id


def export_registry(directory: Path, *, engine: Engine | None = None) -> dict[str, int]:
    """Write ``<kind>.csv`` for every kind into ``directory``; return the row count per file."""
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    with transaction(engine) as session:
        for kind in KINDS.values():
            rows = export_rows(session, kind)
            path = directory / kind.file_name
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow([c.name for c in kind.columns])
                writer.writerows(rows)
            counts[kind.file_name] = len(rows)
    return counts


def export_rows(session: Session, kind: Kind) -> list[list[str]]:
    """The rows of one kind as text, sorted by their key."""
    model: Any = kind.model
    refs = {c.name: keys_by_id(session, c.ref) for c in kind.columns if c.ref}
    children = load_child_lists(session, kind)
    rows = []
    for obj in session.scalars(select(model)):
        row = []
        for column in kind.columns:
            if column.is_child_list:
                value: Any = children.get(obj.id, {}).get(column.name, ())
            elif column.ref:
                ref_id = getattr(obj, column.attribute)
                value = refs[column.name][ref_id] if ref_id is not None else None
            else:
                value = getattr(obj, column.attribute)
            row.append(format_value(column, value))
        rows.append(row)
    positions = [[c.name for c in kind.columns].index(name) for name in kind.key]
    rows.sort(key=lambda r: [r[i] for i in positions])
    return rows
