"""`clusterbridge evaluation ...`: indicator frameworks, computing and collecting indicator
values, and scorecards of clusters and programmes. Clusters are named by their cluster
organisation's external id, programmes by theirs."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from clusterbridge.analytics.evaluation.framework import Framework, load_framework_file
from clusterbridge.analytics.evaluation.framework_store import add_framework, list_frameworks
from clusterbridge.analytics.evaluation.operations import compute_indicators, import_questionnaire
from clusterbridge.analytics.evaluation.scorecard import (
    ProgrammeScorecards,
    Scorecard,
    cluster_id_of,
    cluster_scorecard,
    programme_id_of,
    programme_scorecards,
)
from clusterbridge.analytics.evaluation.scoring import IndicatorResult
from clusterbridge.cli.errors import friendly_errors
from clusterbridge.core.db import transaction
from clusterbridge.core.settings import get_settings

app = typer.Typer(
    help="Cluster evaluation: indicator frameworks, values per year, scorecards.",
    no_args_is_help=True,
)
console = Console(soft_wrap=True)

YAML_FILE = typer.Argument(..., help="A framework in YAML (see frameworks/default.yaml).")
YEAR = typer.Option(..., "--year", help="The year evaluated (values as of 31 December).")
AS_JSON = typer.Option(False, "--json", help="Print JSON instead of tables.")


def _number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.{digits}f}"


def _json(result: Scorecard | ProgrammeScorecards) -> None:
    typer.echo(json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=2))


@app.command("frameworks")
@friendly_errors
def frameworks() -> None:
    """List the built-in framework and the agencies' own, with the programme each evaluates."""
    table = Table(title="Indicator frameworks")
    for header in ("key", "name", "version", "indicators", "programme"):
        table.add_column(header)
    with transaction() as session:
        for item in list_frameworks(session):
            programme = "every other" if item.built_in else (item.programme or "-")
            row = (item.key, item.name, item.version, str(item.indicators), programme)
            table.add_row(*map(escape, row))
    console.print(table)


def _show_framework(framework: Framework) -> None:
    table = Table(title=escape(f"{framework.name} ({framework.key}, version {framework.version})"))
    for header in ("area", "indicator", "unit", "source", *framework.levels, "weight"):
        table.add_column(header)
    for indicator in framework.indicators:
        thresholds = [_number(indicator.thresholds[lv], 2) for lv in framework.levels]
        sign = "≥" if indicator.direction.value == "higher" else "≤"
        table.add_row(
            indicator.area,
            escape(indicator.name),
            indicator.unit.value,
            indicator.source.value,
            *(f"{sign} {t}" for t in thresholds),
            _number(indicator.weight, 2),
        )
    console.print(table)


@app.command("framework-check")
@friendly_errors
def framework_check(file: Path = YAML_FILE) -> None:
    """Check a framework file and show its indicators; nothing is stored."""
    framework = load_framework_file(file)
    _show_framework(framework)
    areas, count = len(framework.areas), len(framework.indicators)
    console.print(f"[green]OK[/]: {count} indicators in {areas} areas.")


@app.command("framework-add")
@friendly_errors
def framework_add(
    file: Path = YAML_FILE,
    programme: str | None = typer.Option(
        None, "--programme", help="Evaluate this programme (external id) with the framework."
    ),
) -> None:
    """Store a framework (replacing a stored one with the same key), optionally for a programme."""
    framework = load_framework_file(file)
    with transaction() as session:
        programme_id = programme_id_of(session, programme) if programme else None
        text = file.read_text(encoding="utf-8")
        add_framework(
            session, text, file.name, programme_id=programme_id, actor=get_settings().actor
        )
    where = f" for programme {programme}" if programme else ""
    console.print(f"Stored framework {escape(framework.key)}{escape(where)}.")


@app.command("compute")
@friendly_errors
def compute(
    year: int = YEAR,
    programme: str | None = typer.Option(
        None, "--programme", help="Only this programme's clusters (external id)."
    ),
) -> None:
    """Compute the indicators that come from the registry, replacing that year's values."""
    with transaction() as session:
        programme_id = programme_id_of(session, programme) if programme else None
        summary = compute_indicators(session, year, programme_id, actor=get_settings().actor)
    console.print(f"{year}: {summary.values:,} values computed for {summary.clusters:,} clusters.")


@app.command("collect")
@friendly_errors
def collect(
    file: Path = typer.Argument(
        ..., help="CSV or XLSX with columns cluster, year, indicator, value, note."
    ),
) -> None:
    """Import questionnaire answers; the whole file is checked first, nothing is half-applied."""
    summary = import_questionnaire(file, actor=get_settings().actor)
    years = ", ".join(map(str, summary.years))
    console.print(
        f"Recorded {summary.rows:,} answers of {summary.clusters:,} clusters for {years}."
    )


def _indicator_row(item: IndicatorResult) -> tuple[str, ...]:
    percentile = "-" if item.percentile is None else f"{item.percentile:.0f} ({item.peers})"
    change = "" if item.change is None else f" ({item.change:+,.1f})"
    return (
        escape(item.name),
        _number(item.value),
        item.level or "-",
        _number(item.score, 0),
        percentile,
        (item.trend.value if item.trend else "-") + change,
    )


def _show_scorecard(card: Scorecard) -> None:
    title = f"{card.cluster} ({card.acronym or card.external_id}), {card.year}"
    console.print(f"[bold]{escape(title)}[/] under framework {escape(card.framework)}")
    for area in card.areas:
        table = Table(title=escape(f"{area.name}: {_number(area.score, 0)}"), title_justify="left")
        for header in ("indicator", "value", "level", "score", "percentile (peers)", "trend"):
            table.add_column(header)
        for item in area.indicators:
            table.add_row(*_indicator_row(item))
        console.print(table)
    result = card.evaluation
    trend = "-" if result.trend is None else f"{result.trend.value} ({result.score_change:+.1f})"
    console.print(
        f"Overall score {_number(result.score)} / 100, level {result.level or 'none'}, "
        f"trend {trend}"
    )
    if result.missing:
        console.print(f"Missing: {escape(', '.join(result.missing))}")


@app.command("scorecard")
@friendly_errors
def scorecard(
    cluster: str = typer.Argument(..., help="The cluster organisation's external id."),
    year: int = YEAR,
    as_json: bool = AS_JSON,
) -> None:
    """A cluster's scorecard: values, levels, scores, percentile in its programme, trends."""
    with transaction() as session:
        card = cluster_scorecard(session, cluster_id_of(session, cluster), year)
    _json(card) if as_json else _show_scorecard(card)


def _show_programme(result: ProgrammeScorecards) -> None:
    table = Table(title=escape(f"{result.programme}, {result.year} (framework {result.framework})"))
    table.add_column("cluster")
    for header in ("score", "level", "trend", *(key for key, _ in result.areas), "answers"):
        table.add_column(header)
    for row in result.rows:
        trend = "-" if row.trend is None else f"{row.trend.value} ({row.score_change:+.1f})"
        table.add_row(
            escape(row.acronym or row.cluster),
            _number(row.score),
            row.level or "-",
            trend,
            *(_number(row.areas[key], 0) for key, _ in result.areas),
            f"{row.coverage:.0%}",
        )
    console.print(table)


@app.command("programme")
@friendly_errors
def programme(
    programme: str = typer.Argument(..., help="The programme's external id."),
    year: int = YEAR,
    as_json: bool = AS_JSON,
) -> None:
    """Every cluster of a programme: overall score, level, trend and area scores."""
    with transaction() as session:
        result = programme_scorecards(session, programme_id_of(session, programme), year)
    _json(result) if as_json else _show_programme(result)
