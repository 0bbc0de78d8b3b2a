"""`clusterbridge import cordis`: load CORDIS Horizon 2020 participations, with a progress bar."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from clusterbridge.cli.errors import friendly_errors
from clusterbridge.cli.progress import stage_bars
from clusterbridge.core.settings import get_settings
from clusterbridge.registry.importers.cordis import CordisSummary, import_cordis

console = Console(soft_wrap=True)


@friendly_errors
def cordis(
    participations: Path = typer.Option(
        ...,
        "--participations",
        help="CORDIS H2020 participations (h2020.csv.gz or a plain .csv): one row per "
        "organisation and project.",
    ),
    programme_parts: Path = typer.Option(
        ...,
        "--programme-parts",
        help="Programme parts of the projects (programme_parts.csv.gz or a plain .csv).",
    ),
) -> None:
    """Import CORDIS Horizon 2020 projects: organisations by PIC, projects as collaborations.

    Both files are checked whole first; any problem stops the import with a report and
    nothing is written. Importing the same files again changes nothing.
    """
    with stage_bars() as progress:
        summary = import_cordis(
            participations,
            programme_parts,
            actor=get_settings().actor,
            progress=progress,
        )
    console.print(*summary_tables(summary))


def summary_tables(summary: CordisSummary) -> tuple[Table, Table]:
    """What the import did to the registry, then what the files held (gaps included)."""
    records = Table(title=f"CORDIS import ({summary.seconds:.1f} s)")
    for header in ("", "created", "updated", "unchanged"):
        records.add_column(header, justify="right" if header else "left")
    for kind in ("organisations", "collaborations"):
        counts = (
            getattr(summary, f"{kind}_{what}") for what in ("created", "updated", "unchanged")
        )
        records.add_row(kind, *(f"{count:,}" for count in counts))
    files = Table(title="In the files")
    files.add_column("")
    files.add_column("rows", justify="right")
    for label, count in _notes(summary):
        files.add_row(label, f"{count:,}")
    return records, files


def _notes(summary: CordisSummary) -> list[tuple[str, int]]:
    """Counts worth a line: rows imported, duplicates kept once, gaps in optional values."""
    notes = [
        ("participations", summary.participations),
        ("programme parts", summary.programme_parts),
        ("duplicate participations (kept once)", summary.duplicate_participations),
        ("programme parts of unknown projects (skipped)", summary.orphan_programme_parts),
        ("projects with several coordinators", summary.several_coordinators),
    ]
    notes += [(f"empty {column}", count) for column, count in sorted(summary.missing.items())]
    return notes
