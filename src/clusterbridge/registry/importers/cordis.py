"""Import CORDIS Horizon 2020 participations: organisations by PIC, projects as collaborations.

Both files are validated whole first (:mod:`.cordis_parse`); only then is the database written
(:mod:`.cordis_write`), in one transaction, with bulk statements and one audit entry per created
or changed record. Re-importing the same files changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from clusterbridge.core.db import transaction
from clusterbridge.registry.importers.cordis_parse import Progress, read_cordis
from clusterbridge.registry.importers.cordis_write import write_cordis

__all__ = ["CordisSummary", "Progress", "import_cordis"]


@dataclass(frozen=True)
class CordisSummary:
    """What an import did.

    ``missing`` counts empty optional values by column, one per row (a project's dates repeat on
    each of its rows). Duplicate (project, organisation) rows are kept once and counted;
    programme-part rows naming a project absent from the participations file are skipped and
    counted as orphans; projects naming more than one coordinator are counted, not refused.
    """

    organisations_created: int
    organisations_updated: int
    organisations_unchanged: int
    collaborations_created: int
    collaborations_updated: int
    collaborations_unchanged: int
    participations: int
    programme_parts: int
    duplicate_participations: int = 0
    orphan_programme_parts: int = 0
    several_coordinators: int = 0
    missing: Mapping[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def import_cordis(
    participations: Path,
    programme_parts: Path,
    *,
    actor: str = "cli",
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> CordisSummary:
    """Load the CORDIS files (gzipped or plain CSV) into the registry in one transaction.

    ``progress(stage, done, total)`` is called as each stage advances. Raises
    :class:`~clusterbridge.core.errors.InvalidInput` before anything is written, naming file,
    row (the header is row 1, the first data row is row 2), column, value and reason of every
    problem; raises :class:`~clusterbridge.core.errors.Conflict` if the database changed
    underneath. Either way the database is left as it was.
    """
    started = time.perf_counter()
    report = progress or _silent
    data = read_cordis(participations, programme_parts, report)
    with transaction(engine) as session:
        organisations, collaborations = write_cordis(session, data, actor, report)
    return CordisSummary(
        *organisations,
        *collaborations,
        participations=len(data.participants),
        programme_parts=sum(len(parts) for parts in data.programme_parts.values()),
        duplicate_participations=data.duplicate_participations,
        orphan_programme_parts=data.orphan_programme_parts,
        several_coordinators=data.several_coordinators,
        missing=dict(data.missing),
        seconds=time.perf_counter() - started,
    )


def _silent(stage: str, done: int, total: int) -> None:
    """The progress callback used when the caller wants none."""
