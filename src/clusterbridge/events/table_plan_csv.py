"""The organiser's table plan as CSV (RFC 4180), for a spreadsheet or a badge printer.

One row per meeting in the plan's order, times as local ISO 8601 with their UTC offset
(``2026-03-29T10:00:00+02:00``) so the file reads like the venue's clock and stays
unambiguous on the night the clocks change.
"""

from __future__ import annotations

import csv
import io

from clusterbridge.events.agenda import TablePlan
from clusterbridge.events.agenda_ics import local_span, venue_zone

COLUMNS = ("slot", "starts_at", "ends_at", "table", "participants")
PARTICIPANT_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is run as a formula by spreadsheets (CSV injection)."""


def table_plan_csv(plan: TablePlan) -> str:
    """The plan as CSV text: a header row, then one quoted-as-needed row per meeting.

    Lines end with CRLF and fields with commas, quotes or line breaks are quoted, as RFC 4180
    asks. Names that a spreadsheet would take for a formula get a leading apostrophe.
    """
    zone = venue_zone(plan.timezone)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for row in plan.rows:
        where = f"slot {row.slot}, table {row.table}"
        start, end = local_span(row.starts_at, row.ends_at, zone, where)
        participants = PARTICIPANT_SEPARATOR.join(row.participants)
        writer.writerow(
            [row.slot, start.isoformat(), end.isoformat(), _inert(row.table), _inert(participants)]
        )
    return buffer.getvalue()


def _inert(text: str) -> str:
    """``text`` that a spreadsheet shows as text: a leading apostrophe before formula signs."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
