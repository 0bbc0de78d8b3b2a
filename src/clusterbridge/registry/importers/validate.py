"""Validation of whole files before anything is written: every problem is collected and
reported together (file, row, column, value, reason), so a user fixes a file in one pass."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from clusterbridge.core.errors import Problem, UnknownCode
from clusterbridge.registry.importers.files import Table
from clusterbridge.registry.importers.kinds import KINDS, Kind
from clusterbridge.registry.importers.references import existing_keys
from clusterbridge.registry.importers.rules import RULES


@dataclass
class Record:
    """One parsed row: its row number and typed values by column (only columns in the file)."""

    row: int
    values: dict[str, Any]

    def key(self, kind: Kind) -> tuple[Any, ...]:
        return tuple(self.values[name] for name in kind.key)


@dataclass
class Batch:
    """The parsed rows of one file, with the empty optional values counted per column."""

    kind: Kind
    file: str
    columns: list[str]
    records: list[Record] = field(default_factory=list)
    empty: Counter[str] = field(default_factory=Counter)


def parse_table(kind: Kind, table: Table, problems: list[Problem]) -> Batch:
    """Check the header and parse every row of ``table`` as ``kind``."""
    known = {c.name for c in kind.columns}
    for name in table.header:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            reason = f"unknown column for {kind.name}{hint}"
            problems.append(Problem(reason, file=table.name, row=1, column=name))
    for column in kind.columns:
        if column.required and column.name not in table.header:
            problems.append(
                Problem("required column is missing", file=table.name, row=1, column=column.name)
            )
    present = [c for c in kind.columns if c.name in table.header]
    batch = Batch(kind, table.name, [c.name for c in present])
    for number, row in table.rows:
        values: dict[str, Any] = {}
        for column in present:
            raw = row.get(column.name, "") or column.default
            if not raw:
                if column.required:
                    problems.append(
                        Problem("a value is required", table.name, number, column.name, "")
                    )
                batch.empty[column.name] += 1
                values[column.name] = () if column.is_child_list else None
                continue
            try:
                values[column.name] = column.parse(raw)
            except (ValueError, UnknownCode) as error:
                problems.append(Problem(str(error), table.name, number, column.name, raw))
        batch.records.append(Record(number, values))
    return batch


def check_duplicates(batch: Batch, problems: list[Problem]) -> None:
    """A record may appear once per file."""
    seen: dict[tuple[Any, ...], int] = {}
    for record in batch.records:
        if any(name not in record.values for name in batch.kind.key):
            continue
        key = record.key(batch.kind)
        if key in seen:
            reason = f"the same {', '.join(batch.kind.key)} already appears on row {seen[key]}"
            column = batch.kind.key[-1]
            problems.append(Problem(reason, batch.file, record.row, column, _text(key)))
        else:
            seen[key] = record.row


def check_references(session: Session, batches: dict[str, Batch], problems: list[Problem]) -> None:
    """Every reference names a record in the database or earlier in the same import."""
    order = list(KINDS)
    for batch in batches.values():
        for column in batch.kind.columns:
            if not column.ref or column.name not in batch.columns:
                continue
            wanted = {r.values[column.name] for r in batch.records if r.values.get(column.name)}
            target = batches.get(column.ref)
            in_import: set[Any] = set()
            if target and order.index(column.ref) < order.index(batch.kind.name):
                in_import = {r.key(target.kind)[0] for r in target.records}
            known = in_import | existing_keys(session, column.ref, wanted - in_import)
            for record in batch.records:
                value = record.values.get(column.name)
                if value and value not in known:
                    reason = f"no {column.ref.replace('_', ' ').rstrip('s')} with this id"
                    problems.append(Problem(reason, batch.file, record.row, column.name, value))


def validate(session: Session, tables: dict[str, Table]) -> tuple[dict[str, Batch], list[Problem]]:
    """Parse and check every table; the problems list is empty when the import may proceed."""
    problems: list[Problem] = []
    batches = {name: parse_table(KINDS[name], table, problems) for name, table in tables.items()}
    for batch in batches.values():
        check_duplicates(batch, problems)
    if not problems:
        check_references(session, batches, problems)
    if not problems:
        for name, batch in batches.items():
            for rule in RULES.get(name, ()):
                problems.extend(rule(session, batch, batches))
    return batches, problems


def _text(key: tuple[Any, ...]) -> str:
    return " / ".join(str(part) for part in key)
