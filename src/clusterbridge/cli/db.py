"""`clusterbridge db ...`: schema migrations."""

from __future__ import annotations

import typer

from clusterbridge.core import migrate

app = typer.Typer(help="Create or migrate the database schema.", no_args_is_help=True)


@app.command()
def upgrade(revision: str = typer.Argument("head", help="Target revision.")) -> None:
    """Migrate the configured database to the newest schema (or REVISION)."""
    migrate.upgrade(revision=revision)
    typer.echo(f"database at revision {migrate.current()}")


@app.command()
def downgrade(
    revision: str = typer.Argument("-1", help="Target revision, e.g. -1 or base."),
) -> None:
    """Undo migrations down to REVISION."""
    migrate.downgrade(revision=revision)
    typer.echo(f"database at revision {migrate.current()}")


@app.command()
def current() -> None:
    """Print the schema revision of the configured database."""
    typer.echo(migrate.current() or "empty (run: clusterbridge db upgrade)")
