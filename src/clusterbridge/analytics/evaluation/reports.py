"""Scorecards as report content: the report of one cluster (summary, areas, every indicator,
its path over the years, its place among its programme's clusters and the regional strength of
its category) and the report of a programme (every cluster, scores, quartiles over the years).

The web pages and PDFs render these :class:`~clusterbridge.analytics.reports.content.Report`
objects; the numbers all come from :mod:`.scorecard`.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clusterbridge.analytics.evaluation.enums import Trend, Unit
from clusterbridge.analytics.evaluation.framework_store import framework_for_programme
from clusterbridge.analytics.evaluation.opportunities import programme_opportunities
from clusterbridge.analytics.evaluation.programme_map import programme_strength_map
from clusterbridge.analytics.evaluation.reports_charts import (
    cluster_history,
    peer_comparison,
    programme_history,
    programme_scores,
    rounded_score,
)
from clusterbridge.analytics.evaluation.reports_map import regional_strength
from clusterbridge.analytics.evaluation.scorecard import (
    ProgrammeScorecards,
    Scorecard,
    cluster_scorecard,
    programme_scorecards,
)
from clusterbridge.analytics.evaluation.scoring import IndicatorResult
from clusterbridge.analytics.reports.content import Cell, Report, Section, Table
from clusterbridge.registry.models import Cluster, Organisation

UNIT_SUFFIX = {Unit.PERCENT: " %", Unit.FTE: " FTE"}
CJK_COUNTRIES = {"KR": "ko", "JP": "ja", "CN": "zh", "TW": "zh"}


def cluster_report(session: Session, cluster_id: int, year: int, *, peer_names: bool) -> Report:
    """The whole scorecard report of a cluster for ``year``. Other clusters are named in the
    peer comparison only when ``peer_names`` (programme managers may see them; cluster managers
    see "Peer 1..n")."""
    card = cluster_scorecard(session, cluster_id, year)
    cluster = session.get(Cluster, cluster_id)
    assert cluster is not None  # cluster_scorecard raised NotFound otherwise
    programme = (
        programme_scorecards(session, cluster.programme_id, year)
        if cluster.programme_id is not None
        else None
    )
    sections = (
        Section("Summary", summary_paragraphs(card)),
        Section("Areas", blocks=(areas_table(card),)),
        Section("Indicators", indicator_notes(card), (indicators_table(card),)),
        cluster_history(session, cluster_id, card),
        peer_comparison(card, programme, peer_names=peer_names),
        regional_strength(session, cluster, year),
    )
    return Report(
        title=card.cluster + (f" ({card.acronym})" if card.acronym else ""),
        subtitle=f"Evaluation scorecard {year}"
        + (f" · {card.programme}" if card.programme else "")
        + f" · framework {card.framework}",
        generated_on=datetime.now(UTC).date(),
        sections=sections,
        language=_language(session, cluster.organisation_id),
    )


def _language(session: Session, organisation_id: int) -> str:
    country = session.scalar(select(Organisation.country).where(Organisation.id == organisation_id))
    return CJK_COUNTRIES.get(country or "", "en")


def trend_text(trend: Trend | None, change: float | None) -> str:
    """ "improving (+4.1)", "stable (-0.2)", or "no earlier value"."""
    if trend is None:
        return "no earlier value"
    return trend.value + ("" if change is None else f" ({change:+.1f})")


def score_text(score: float | None) -> str:
    """A 0-100 score as "63.2 of 100", or a dash."""
    return "–" if score is None else f"{score:.1f} of 100"


def summary_paragraphs(card: Scorecard) -> tuple[str, ...]:
    """The level, score, trend, coverage and missing indicators, in sentences."""
    result = card.evaluation
    level = card.level or "no level reached"
    count = len(result.indicators)
    present = count - len(result.missing)
    names = {i.key: i.name for i in result.indicators}
    lines = [
        f"Overall level: {level}. Overall score: {score_text(card.score)}.",
        f"Trend since {card.year - 1}: {trend_text(card.trend, result.score_change)}.",
        f"Coverage: {present} of {count} indicators have a value for {card.year} "
        f"({100 * result.coverage:.0f} %).",
    ]
    if result.missing:
        lines.append("Missing: " + ", ".join(names[key] for key in result.missing) + ".")
    lines.append("Levels of the framework, lowest first: " + ", ".join(card.levels) + ".")
    return tuple(lines)


def areas_table(card: Scorecard) -> Table:
    """One row per area: weight, score and how many indicators have a value."""
    rows: list[tuple[Cell, ...]] = []
    for area in card.areas:
        present = sum(1 for i in area.indicators if i.value is not None)
        score = None if area.score is None else round(area.score, 1)
        rows.append((area.name, area.weight, score, f"{present} of {len(area.indicators)}"))
    return Table(("Area", "Weight", "Score (0-100)", "Indicators with a value"), tuple(rows))


def indicator_notes(card: Scorecard) -> tuple[str, ...]:
    """How to read the indicators table."""
    peers = max((i.peers for i in card.evaluation.indicators), default=0)
    return (
        "Percentiles compare each value with those of the programme's clusters that year "
        f"(up to {peers} clusters); higher is better, whatever the indicator's direction.",
    )


def indicators_table(card: Scorecard) -> Table:
    """Every indicator: area, value with its unit, level, score, percentile, trend, source."""
    areas = {area.key: area.name for area in card.areas}
    rows = tuple(
        (
            areas.get(result.area, result.area),
            result.name,
            value_text(result.unit, result.value),
            result.level or ("–" if result.value is None else "below the first level"),
            None if result.score is None else round(result.score, 1),
            None if result.percentile is None else round(result.percentile),
            _indicator_trend(result),
            result.source.value,
        )
        for result in card.evaluation.indicators
    )
    columns = ("Area", "Indicator", "Value", "Level", "Score", "Percentile", "Trend", "Source")
    return Table(columns, rows)


def _indicator_trend(result: IndicatorResult) -> str:
    if result.trend is None:
        return "–"
    if result.previous is None:
        return result.trend.value
    return f"{result.trend.value} (was {value_text(result.unit, result.previous)})"


def value_text(unit: Unit, value: float | None) -> str:
    """A value in its unit: "45.5 %", "2.5 FTE", "€120,000", "yes", "12"."""
    if value is None:
        return "–"
    if unit is Unit.YES_NO:
        return "yes" if value >= 1 else "no"
    if unit is Unit.EUROS:
        return f"€{value:,.0f}"
    if unit is Unit.COUNT:
        return f"{value:,.0f}"
    number = f"{value:,.1f}".removesuffix(".0")
    return number + UNIT_SUFFIX.get(unit, "")


def programme_report(session: Session, programme_id: int, year: int) -> Report:
    """The report of a programme for ``year``: every cluster's score, level, trend, coverage,
    questionnaire status and area scores; a bar chart of scores; the median and quartiles of
    the overall score over the years; and how many clusters reached each level."""
    cards = programme_scorecards(session, programme_id, year)
    levels = _levels(session, cards)
    sections = (
        Section(
            "Clusters", programme_summary(cards), (clusters_table(cards), area_scores_table(cards))
        ),
        _scores_section(cards),
        programme_history(session, programme_id, cards),
        Section("Levels reached", blocks=(levels_table(cards, levels),)),
        programme_strength_map(session, programme_id, year),
        programme_opportunities(session, programme_id),
    )
    return Report(
        title=cards.programme,
        subtitle=f"Programme evaluation {year} · framework {cards.framework}",
        generated_on=datetime.now(UTC).date(),
        sections=sections,
    )


def _scores_section(cards: ProgrammeScorecards) -> Section:
    charts = programme_scores(cards)
    if charts:
        return Section("Scores", blocks=charts)
    return Section("Scores", (f"No cluster of the programme has a score for {cards.year}.",))


def _levels(session: Session, cards: ProgrammeScorecards) -> tuple[str, ...]:
    return tuple(framework_for_programme(session, cards.programme_id).levels)


def programme_summary(cards: ProgrammeScorecards) -> tuple[str, ...]:
    """How many clusters, how many with a score and a submitted questionnaire."""
    scored = sum(1 for row in cards.rows if row.score is not None)
    submitted = sum(1 for row in cards.rows if row.questionnaire is not None)
    return (
        f"{len(cards.rows)} clusters; {scored} with a score for {cards.year}; "
        f"{submitted} with a questionnaire for {cards.year} (draft or submitted).",
    )


def clusters_table(cards: ProgrammeScorecards) -> Table:
    """One row per cluster, best score first: score, level, trend, coverage, questionnaire."""
    rows = tuple(
        (
            row.cluster,
            rounded_score(row.score),
            row.level or "–",
            trend_text(row.trend, row.score_change),
            f"{100 * row.coverage:.0f} %",
            row.questionnaire.value if row.questionnaire else "none",
        )
        for row in cards.rows
    )
    columns = ("Cluster", "Score", "Level", "Trend", "Coverage", "Questionnaire")
    return Table(columns, rows, f"Clusters, {cards.year}")


def area_scores_table(cards: ProgrammeScorecards) -> Table:
    """Each cluster's score in each area (a table of its own, so that both fit a page)."""
    rows = tuple(
        (row.cluster, *(rounded_score(row.areas.get(key)) for key, _ in cards.areas))
        for row in cards.rows
    )
    columns = ("Cluster", *(name for _, name in cards.areas))
    return Table(columns, rows, f"Area scores (0-100), {cards.year}")


def levels_table(cards: ProgrammeScorecards, levels: tuple[str, ...]) -> Table:
    """Clusters per level reached, highest first, then those below it and those unscored."""
    counts = Counter(row.level for row in cards.rows if row.score is not None)
    rows: list[tuple[Cell, ...]] = [(level, counts.get(level, 0)) for level in reversed(levels)]
    rows.append(("no level reached", counts.get(None, 0)))
    rows.append(("no values", sum(1 for row in cards.rows if row.score is None)))
    return Table(("Level", "Clusters"), tuple(rows))
