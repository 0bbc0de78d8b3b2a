"""`clusterbridge import ...` and `clusterbridge export`: registry files in and out."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from clusterbridge.cli.errors import friendly_errors
from clusterbridge.core.settings import get_settings
from clusterbridge.registry.importers.kinds import KINDS
from clusterbridge.registry.importers.tables import ImportSummary, import_files

app = typer.Typer(
    help="Import registry files (CSV or XLSX; columns in docs/data-formats.md).",
    no_args_is_help=True,
)
console = Console(soft_wrap=True)

FILE = typer.Argument(..., help="CSV (UTF-8; comma, semicolon or tab) or XLSX file.")
DRY_RUN = typer.Option(False, "--dry-run", help="Validate and report, but write nothing.")


def print_summary(summary: ImportSummary, dry_run: bool = False) -> None:
    """A table of what changed per file, then the empty optional values counted per column."""
    table = Table(title="Import summary" + (" (dry run: nothing written)" if dry_run else ""))
    table.add_column("file")
    for header in ("created", "updated", "unchanged"):
        table.add_column(header, justify="right")
    for kind in summary.kinds.values():
        table.add_row(kind.file, f"{kind.created:,}", f"{kind.updated:,}", f"{kind.unchanged:,}")
    console.print(table)
    for kind in summary.kinds.values():
        if kind.empty:
            counts = ", ".join(
                f"{column} {count:,}" for column, count in sorted(kind.empty.items())
            )
            console.print(f"[dim]{kind.file}: empty optional values: {counts}[/]", soft_wrap=True)
    console.print(f"{summary.seconds:.1f} s")


def _run(kind: str, file: Path, dry_run: bool) -> None:
    summary = import_files([(kind, file)], actor=get_settings().actor, dry_run=dry_run)
    print_summary(summary, dry_run)


def _command(kind: str) -> None:
    @friendly_errors
    def command(file: Path = FILE, dry_run: bool = DRY_RUN) -> None:
        _run(kind, file, dry_run)

    command.__doc__ = (
        f"Import {kind.replace('_', ' ')} from FILE; re-importing the same file changes nothing."
    )
    app.command(kind.replace("_", "-"))(command)


for _kind in KINDS:
    _command(_kind)


@app.command("directory")
@friendly_errors
def directory(
    folder: Path = typer.Argument(..., help="Folder with <kind>.csv files, e.g. from `export`."),
    dry_run: bool = DRY_RUN,
) -> None:
    """Import every <kind>.csv (or .xlsx) file found in FOLDER in one transaction."""
    files = []
    for kind in KINDS:
        for suffix in (".csv", ".xlsx"):
            if (folder / f"{kind}{suffix}").is_file():
                files.append((kind, folder / f"{kind}{suffix}"))
    if not files:
        raise typer.BadParameter(f"no registry files (e.g. organisations.csv) in {folder}")
    print_summary(import_files(files, actor=get_settings().actor, dry_run=dry_run), dry_run)


@friendly_errors
def export(
    folder: Path = typer.Argument(..., help="Folder to write <kind>.csv files into."),
) -> None:
    """Write the registry to FOLDER, one CSV per kind, in the import formats."""
    from clusterbridge.registry.importers.export import export_registry

    for name, count in export_registry(folder).items():
        console.print(f"{folder / name}: {count} rows")
