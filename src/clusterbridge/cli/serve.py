"""`clusterbridge serve`: the web platform on the configured database."""

from __future__ import annotations

import logging

import typer

from clusterbridge.core import migrate


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="TCP port to listen on."),
    workers: int = typer.Option(
        1, "--workers", min=1, help="Worker processes (they share the database, nothing else)."
    ),
) -> None:
    """Serve the web platform and its JSON API on http://HOST:PORT (Ctrl+C stops it)."""
    import uvicorn

    from clusterbridge.web.app import create_app

    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(name)s: %(message)s")
    if migrate.current() is None:
        typer.secho(
            "The database has no schema yet: run `clusterbridge db upgrade` first.",
            fg=typer.colors.YELLOW,
            err=True,
        )
    typer.echo(f"ClusterBridge on http://{host}:{port}  (API docs: /docs)")
    if workers == 1:
        uvicorn.run(create_app(), host=host, port=port, proxy_headers=True)
    else:  # each worker process builds its own app from the import string
        uvicorn.run(
            "clusterbridge.web.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            proxy_headers=True,
        )
