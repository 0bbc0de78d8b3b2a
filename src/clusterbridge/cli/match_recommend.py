"""`clusterbridge match recommend`, `match index` and `match fit`: recommendations for one
organisation with their reasons, and keeping the engine's index and ranker current."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from clusterbridge.cli.errors import friendly_errors
from clusterbridge.cli.progress import stage_bars
from clusterbridge.core.db import get_engine, transaction
from clusterbridge.matchmaking.recommend import (
    KINDS,
    MatchRequest,
    MatchResult,
    NothingToRecommend,
)
from clusterbridge.matchmaking.recommend import (
    recommend as recommend_partners,
)
from clusterbridge.matchmaking.service import Matchmaking, matchmaking_for

console = Console(soft_wrap=True)
status = Console(stderr=True, soft_wrap=True)


@friendly_errors
def recommend(
    organisation: str = typer.Argument(
        ..., help="The organisation asking: its id, external id, PIC or name."
    ),
    for_post: int | None = typer.Option(
        None, "--for-post", help="Recommend for this partner-search post of the organisation."
    ),
    text: str | None = typer.Option(
        None, "--text", help="Recommend for this free-text need instead of the profile's needs."
    ),
    abroad: bool = typer.Option(False, "--abroad", help="Only organisations of other countries."),
    kind: list[str] = typer.Option(
        [], "--kind", help=f"Only these kinds (repeatable): {', '.join(KINDS)}."
    ),
    country: list[str] = typer.Option(
        [], "--country", help="Only these countries (ISO alpha-2, repeatable)."
    ),
    k: int = typer.Option(10, "--k", help="How many recommendations."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Ranked partner recommendations for an organisation, each with why it was recommended."""
    request = MatchRequest(
        organisation=organisation,
        post_id=for_post,
        text=text,
        abroad=abroad,
        kinds=tuple(kind),
        countries=tuple(c.upper() for c in country),
        k=k,
    )
    engine = matchmaking_for(get_engine())
    with transaction() as session:
        _prepare(engine, session)
        try:
            result = recommend_partners(session, engine, request)
        except NothingToRecommend as nothing:
            status.print(f"[yellow]{escape(str(nothing))}[/]", highlight=False)
            return
    if as_json:
        console.print_json(json.dumps(_json(result)))
    else:
        _print(result)


@friendly_errors
def index() -> None:
    """Build or update the matchmaking index and ranker now (they also update on first use)."""
    engine = matchmaking_for(get_engine())
    with transaction() as session:
        _prepare(engine, session)
    assert engine.index is not None
    console.print(f"{len(engine.index):,} profiles indexed; ranker fitted on {engine.fitted_on}.")
    if engine.index.semantic_note:
        console.print(engine.index.semantic_note)


@friendly_errors
def fit(
    out: Path | None = typer.Option(
        None, "--out", help="Also write the fitted ranker (JSON) to this file."
    ),
) -> None:
    """Fit the ranker again on the collaboration history and show the weight of each signal."""
    engine = matchmaking_for(get_engine())
    with transaction() as session, stage_bars(28, transient=True) as progress:
        ranker = engine.refit(session, progress)
    table = Table(title=f"Ranker fitted on {engine.fitted_on}")
    table.add_column("signal")
    table.add_column("weight (per standard deviation)", justify="right")
    for name, weight in sorted(
        zip(ranker.features, ranker.weights, strict=True), key=lambda p: -abs(p[1])
    ):
        table.add_row(name, f"{weight:+.3f}")
    console.print(table)
    if out is not None:
        out.write_text(json.dumps(ranker.to_dict(), indent=1) + "\n", encoding="utf-8")
        console.print(f"Written to {out}.")


def _prepare(engine: Matchmaking, session: Session) -> None:
    """Refresh the engine with a progress bar on standard error (only shown on long work)."""
    with stage_bars(28, transient=True) as progress:
        engine.refresh(session, progress)


def _print(result: MatchResult) -> None:
    title = f"Partners for {result.organisation_name}"
    if result.post is not None:
        title += f", post {result.post.id}: {result.post.title}"
    table = Table(title=escape(title), show_lines=True)
    for header in ("#", "organisation", "kind", "country", "score", "why"):
        table.add_column(header, justify="right" if header in ("#", "score") else "left")
    for item in result.items:
        why = "\n".join(f"{reason.text} ({reason.share:.0%})" for reason in item.reasons)
        table.add_row(
            str(item.rank),
            f"{escape(item.name)} [dim]({item.organisation_id})[/]",
            item.kind,
            item.country or "",
            f"{item.score:.2f}",
            escape(why),
        )
    console.print(table)
    for note in result.notes:
        status.print(f"[dim]{escape(note)}[/]", highlight=False)


def _json(result: MatchResult) -> dict[str, object]:
    return {
        "organisation_id": result.organisation_id,
        "organisation": result.organisation_name,
        "post_id": result.post.id if result.post else None,
        "recommendations": [asdict(item) for item in result.items],
        "notes": result.notes,
    }
