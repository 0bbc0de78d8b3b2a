"""A participant's agenda and the organiser's table plan as A4 PDFs (ReportLab platypus).

Both reuse the report PDF's page frame, fonts and "Page n of N" footer, so Korean names are
set in the CID font and accented Latin ones in Helvetica. Times are the venue's local times;
tables repeat their header rows on every page they span.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import groupby
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from clusterbridge.analytics.reports.pdf import (
    FRAME_WIDTH,
    HEADER_BACKGROUND,
    MARGIN,
    RULE,
    numbered_canvas,
)
from clusterbridge.analytics.reports.pdf_text import LATIN, LATIN_BOLD, markup
from clusterbridge.events.agenda import Agenda, TablePlan, TablePlanRow
from clusterbridge.events.agenda_ics import local_span, venue_zone

CJK_LANGUAGE = "ko"
"""Which CID font sets non-Latin runs: Korean's covers Hangul and also kana and common Hanja."""
SLOT_BACKGROUND = colors.HexColor("#c9d6e3")

_BODY = ParagraphStyle("body", fontName=LATIN, fontSize=10, leading=14, spaceAfter=4)
STYLES = {
    "title": ParagraphStyle("title", _BODY, fontName=LATIN_BOLD, fontSize=20, leading=24),
    "event": ParagraphStyle("event", _BODY, fontSize=14, leading=18, spaceAfter=6),
    "meta": ParagraphStyle("meta", _BODY, fontSize=10, leading=13, spaceAfter=2),
    "note": ParagraphStyle("note", _BODY, fontSize=9, textColor=colors.HexColor("#555555")),
    "day": ParagraphStyle(
        "day", _BODY, fontName=LATIN_BOLD, fontSize=13, leading=17, spaceBefore=10
    ),
    "empty": ParagraphStyle("empty", _BODY, fontSize=12, leading=16, spaceBefore=12),
    "cell": ParagraphStyle("cell", _BODY, fontSize=10, leading=12.5, spaceAfter=0),
    "small": ParagraphStyle("small", _BODY, fontSize=8.5, leading=11, spaceAfter=0),
    "header": ParagraphStyle("header", _BODY, fontName=LATIN_BOLD, fontSize=9.5, spaceAfter=0),
    "slot": ParagraphStyle("slot", _BODY, fontName=LATIN_BOLD, fontSize=11, spaceAfter=0),
}


def agenda_pdf(agenda: Agenda) -> bytes:
    """The agenda: who the participant meets, when and at which table, one table per day."""
    zone = venue_zone(agenda.timezone)
    who = agenda.participant
    if agenda.organisation:
        who += f" ({agenda.organisation})"
    flowables = _heading("Meeting agenda", agenda.event, agenda.venue, agenda.timezone, who)
    if agenda.published_at is not None:
        published = agenda.published_at.astimezone(zone)
        flowables.append(_text(f"Published {_day(published)}, {published:%H:%M}.", "note"))
    meetings = [
        (*local_span(item.starts_at, item.ends_at, zone, f"meeting {item.uid}"), item)
        for item in agenda.items
    ]
    if not meetings:
        flowables.append(_text("You have no meetings scheduled at this event.", "empty"))
    for day, group in groupby(meetings, key=lambda meeting: meeting[0].date()):
        rows = [
            [
                _text(_times(start, end), "cell"),
                _text(item.table, "cell"),
                _lines(item.counterparts, item.note),
            ]
            for start, end, item in group
        ]
        flowables.append(_text(_day(day), "day"))
        flowables.append(_table(["Time", "Table", "With whom"], rows, [0.2, 0.18, 0.62]))
    title = f"Agenda of {agenda.participant} at {agenda.event}"
    return _build(flowables, title, f"{agenda.event} · {agenda.participant}")


def table_plan_pdf(plan: TablePlan) -> bytes:
    """The table plan: one block per slot, its caption and column header on every page."""
    zone = venue_zone(plan.timezone)
    flowables = _heading("Table plan", plan.event, plan.venue, plan.timezone)
    slots = _slots(plan, zone)
    count = len(plan.rows)
    if not slots:
        flowables.append(_text("No meetings are scheduled at this event.", "empty"))
    else:
        summary = f"{count} meeting{'s' if count != 1 else ''} in {len(slots)} time slots."
        flowables.append(_text(summary, "note"))
    for (slot, start, end), rows in slots:
        caption = f"Slot {slot} · {_day(start)}, {_times(start, end)}"
        body = [[_text(row.table, "cell"), _lines(row.participants)] for row in rows]
        flowables.append(Spacer(1, 10))
        flowables.append(_table(["Table", "Participants"], body, [0.2, 0.8], caption))
    return _build(flowables, f"Table plan of {plan.event}", f"{plan.event} · table plan")


def _slots(
    plan: TablePlan, zone: ZoneInfo
) -> list[tuple[tuple[int, datetime, datetime], list[TablePlanRow]]]:
    """Rows grouped by slot and local time, in time order; the plan's table order kept."""
    timed = []
    for row in plan.rows:
        where = f"slot {row.slot}, table {row.table}"
        start, end = local_span(row.starts_at, row.ends_at, zone, where)
        timed.append(((row.slot, start, end), row))
    timed.sort(key=lambda pair: (pair[0][1], pair[0][0]))
    return [(key, [row for _, row in group]) for key, group in groupby(timed, lambda p: p[0])]


def _heading(
    title: str, event: str, venue: str, timezone: str, participant: str = ""
) -> list[Flowable]:
    flowables: list[Flowable] = [_text(title, "title"), _text(event, "event")]
    if venue:
        flowables.append(_text(f"Venue: {venue}", "meta"))
    if participant:
        flowables.append(_text(f"Participant: {participant}", "meta"))
    flowables.append(_text(f"Times are local to the venue ({timezone}).", "note"))
    return flowables


def _text(text: str, style: str) -> Paragraph:
    """A paragraph of plain text: escaped, Hangul runs in the CJK font."""
    return Paragraph(markup(text, CJK_LANGUAGE), STYLES[style])


def _lines(names: Iterable[str], note: str = "") -> Paragraph:
    """One name per line (a name's own line breaks kept), then an optional note in small type."""
    parts = [markup(line, CJK_LANGUAGE) for name in names for line in name.splitlines()]
    if note:
        small = STYLES["small"]
        parts.append(f'<font size="{small.fontSize}">{markup(note, CJK_LANGUAGE)}</font>')
    return Paragraph("<br/>".join(parts) or "–", STYLES["cell"])


def _table(
    columns: Sequence[str],
    rows: list[list[Paragraph]],
    shares: Sequence[float],
    caption: str | None = None,
) -> Table:
    """A table whose caption (if any) and header row repeat on every page it spans."""
    header = [_text(column, "header") for column in columns]
    top: list[list[Paragraph | str]] = [header]
    if caption is not None:
        top.insert(0, [_text(caption, "slot"), *[""] * (len(columns) - 1)])
    widths = [FRAME_WIDTH * share for share in shares]
    table = Table([*top, *rows], colWidths=widths, repeatRows=len(top))
    style = [
        ("BACKGROUND", (0, 0), (-1, len(top) - 1), HEADER_BACKGROUND),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if caption is not None:
        style += [("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), SLOT_BACKGROUND)]
    table.setStyle(TableStyle(style))
    return table


def _build(flowables: list[Flowable], title: str, footer: str) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="ClusterBridge",
        creator="ClusterBridge",
        lang="en",
        displayDocTitle=True,
    )
    document.build(flowables, canvasmaker=numbered_canvas(footer, CJK_LANGUAGE))
    return buffer.getvalue()


def _day(moment: date) -> str:
    """``Sunday 29 March 2026`` (English names, whatever the server's locale)."""
    return f"{_WEEKDAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def _times(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
