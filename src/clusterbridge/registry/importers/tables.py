"""Importing registry files: validate everything, then write everything in one transaction.

``import_files`` serves the CLI and the web upload page; ``import_tables`` takes rows already in
memory (the demo scenario). Both raise :class:`InvalidInput` and write nothing when any value of
any file is wrong.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from clusterbridge.core.db import refresh_statistics, transaction
from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.registry.importers.apply import KindSummary, apply_batch, written_tables
from clusterbridge.registry.importers.files import Table, read_table
from clusterbridge.registry.importers.kinds import KINDS
from clusterbridge.registry.importers.validate import validate


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, per kind, in the order the kinds were applied."""

    kinds: dict[str, KindSummary]
    seconds: float

    @property
    def changed(self) -> int:
        return sum(k.created + k.updated for k in self.kinds.values())


def import_files(
    files: Sequence[tuple[str, Path]],
    *,
    actor: str = "cli",
    engine: Engine | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Import files given as (kind, path) pairs, e.g. ``[("organisations", Path("orgs.xlsx"))]``."""
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    for kind, path in files:
        if kind not in KINDS:
            raise InvalidInput(
                [Problem(f"unknown kind {kind!r}; one of {', '.join(KINDS)}", file=str(path))]
            )
        if kind in tables:
            raise InvalidInput([Problem(f"two files given for {kind}", file=str(path))])
        try:
            tables[kind] = read_table(path)
        except InvalidInput as error:
            problems.extend(error.problems)
    if problems:
        raise InvalidInput(problems)
    return _import(tables, actor=actor, engine=engine, dry_run=dry_run)


def import_tables(
    rows: Mapping[str, list[dict[str, str]]],
    *,
    actor: str,
    engine: Engine | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Import rows given in memory as {kind: [{column: text}]}, exactly as files would hold them."""
    tables = {}
    for kind, items in rows.items():
        header = list(items[0]) if items else list(KINDS[kind].key)
        tables[kind] = Table(
            name=f"{kind}.csv", header=header, rows=[(n, r) for n, r in enumerate(items, start=2)]
        )
    return _import(tables, actor=actor, engine=engine, dry_run=dry_run)


class _DryRun(Exception):
    """Raised to roll back a dry run after it has computed its summary."""


def _import(
    tables: dict[str, Table], *, actor: str, engine: Engine | None, dry_run: bool
) -> ImportSummary:
    started = time.perf_counter()
    ordered = {name: tables[name] for name in KINDS if name in tables}
    summaries: dict[str, KindSummary] = {}
    try:
        with transaction(engine) as session:
            batches, problems = validate(session, ordered)
            if problems:
                raise InvalidInput(problems)
            for name, batch in batches.items():
                summaries[name] = apply_batch(session, batch, actor)
            if any(s.created + s.updated for s in summaries.values()):
                refresh_statistics(session, written_tables(batches))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return ImportSummary(summaries, time.perf_counter() - started)
