"""Root of the `clusterbridge` command: mounts each feature's commands."""

from __future__ import annotations

import typer

from clusterbridge import __version__
from clusterbridge.cli import (
    codes,
    cordis,
    db,
    demo,
    evaluation,
    events,
    imports,
    mapping,
    mapping_datasets,
    mapping_sources,
    match,
    posts,
    schedule,
    users,
)
from clusterbridge.cli.errors import err_console, log_unexpected_error
from clusterbridge.cli.serve import serve

app = typer.Typer(
    name="clusterbridge",
    help="ClusterBridge: registry, matchmaking, events and analytics for cluster programmes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db.app, name="db")
app.command("serve")(serve)
imports.app.command("cordis")(cordis.cordis)
app.add_typer(imports.app, name="import")
app.command("export")(imports.export)
app.add_typer(demo.app, name="demo")
app.add_typer(codes.app, name="codes")
app.add_typer(users.app, name="users")
mapping.app.command("convert")(mapping_sources.convert)
mapping.app.command("related")(mapping_sources.related)
mapping.app.command("load")(mapping_datasets.load)
mapping.app.command("datasets")(mapping_datasets.datasets)
mapping.app.command("delete")(mapping_datasets.delete)
mapping.app.command("geometry")(mapping_datasets.geometry)
app.add_typer(mapping.app, name="mapping")
app.add_typer(evaluation.app, name="evaluation")
app.add_typer(schedule.app, name="schedule")
app.add_typer(events.app, name="events")
app.add_typer(match.app, name="match")
app.add_typer(posts.app, name="posts")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clusterbridge {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    database: str | None = typer.Option(
        None,
        "--database",
        envvar="CLUSTERBRIDGE_DATABASE_URL",
        help="SQLAlchemy database URL (default: SQLite file under CLUSTERBRIDGE_DATA_DIR).",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """Options that apply to every command."""
    if database:
        from clusterbridge.core import db as core_db

        core_db.set_engine(core_db.make_engine(database))


def main() -> None:
    """Run the CLI; an unexpected error is logged in full and shown in one line, not a traceback."""
    try:
        app()
    except Exception:
        log = log_unexpected_error()
        err_console.print(
            "[bold red]Internal error:[/] this is a bug in ClusterBridge; "
            f"details were written to {log}"
        )
        raise SystemExit(2) from None
