"""`clusterbridge events schedule | publish | meetings | agenda | plan | outcome`: compute the
schedule, publish it, hand out agendas and table plans, record how the meetings went."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from clusterbridge.cli.errors import friendly_errors
from clusterbridge.cli.events_common import (
    EVENT,
    OUT,
    REGISTRATION,
    console,
    status_console,
    write_file,
)
from clusterbridge.core.db import transaction
from clusterbridge.core.errors import ClusterBridgeError
from clusterbridge.events import outcomes, planning, plans
from clusterbridge.events.agenda import Agenda, TablePlan
from clusterbridge.events.models import JobStatus, MeetingOutcome


class AgendaFormat(enum.StrEnum):
    PDF = "pdf"
    ICS = "ics"


class PlanFormat(enum.StrEnum):
    PDF = "pdf"
    CSV = "csv"


@friendly_errors
def schedule(
    event_id: int = EVENT,
    time_limit: float = typer.Option(
        60.0, "--time-limit", min=0.5, help="Seconds the optimiser may search."
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print the job's result as one JSON object."
    ),
) -> None:
    """Compute the event's schedule, a draft until `events publish`.

    Chooses which accepted requests become meetings, in which slot and at which table; a
    published event is re-scheduled moving as few published meetings as possible."""
    with transaction() as session:
        job_id = planning.start_schedule_job(session, event_id, actor_id=None).id
    with Progress(
        TextColumn("{task.description:<48.48}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=status_console,
    ) as bar:
        task = bar.add_task("Starting", total=1.0)

        def report(fraction: float, message: str) -> None:
            bar.update(task, completed=fraction, description=message)

        try:
            ended = planning.run_schedule_job(job_id, report, time_limit=time_limit)
        except KeyboardInterrupt:
            raise ClusterBridgeError(
                f"Interrupted: scheduling run {job_id} stopped unfinished. It still counts as "
                f"running and blocks new runs of the event for {_hours()} hours."
            ) from None
    if ended.status is not JobStatus.DONE or ended.result is None:
        raise ClusterBridgeError(f"Scheduling run {job_id} failed: {ended.message}")
    if as_json:
        typer.echo(json.dumps(ended.result, ensure_ascii=False))
        return
    _print_result(ended.result)
    console.print(f"{escape(ended.message)} Publish it with `events publish {event_id}`.")


def _hours() -> int:
    return int(planning.ABANDONED_AFTER.total_seconds() // 3600)


def _print_result(result: dict[str, Any]) -> None:
    table = Table(title=f"Schedule ({result.get('status', '-')})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    requested = result.get("requested", 0)
    rows = [
        ("meetings scheduled", f"{result.get('meetings', 0)} of {requested} requested"),
        ("weight", _figure(result.get("weight"))),
        ("upper bound on weight", _figure(result.get("bound"))),
        ("gap", f"{100 * float(result.get('gap') or 0):.2f} %"),
        ("breaks", _figure(result.get("breaks"))),
        ("table changes", _figure(result.get("table_changes"))),
        ("published meetings moved", _figure(result.get("moved"))),
        ("published meetings dropped", _figure(result.get("dropped"))),
        ("participants without a meeting", _figure(result.get("without_meeting"))),
        ("seconds", _figure(result.get("seconds"))),
    ]
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)


def _figure(value: Any) -> str:
    return "-" if value is None else str(value)


@friendly_errors
def publish(event_id: int = EVENT) -> None:
    """Publish the draft schedule: participants' agendas show it from now on."""
    with transaction() as session:
        done = planning.publish(session, event_id, actor_id=None)
    console.print(
        f"Published {done.meetings} meetings ({done.added} new, {done.moved} moved, "
        f"{done.cancelled} cancelled).",
        highlight=False,
    )


@friendly_errors
def meetings(
    event_id: int = EVENT,
    draft: bool = typer.Option(False, "--draft", help="The draft schedule, not the published."),
) -> None:
    """List the scheduled meetings with their ids (for `events outcome`)."""
    with transaction() as session:
        rows = plans.meetings(session, event_id, published=not draft)
    table = Table(title=f"{'Draft' if draft else 'Published'} meetings of event {event_id}")
    for header in ("id", "slot", "time", "table", "requester", "requested", "status", "outcome"):
        table.add_column(
            header,
            justify="right" if header in ("id", "slot") else "left",
            no_wrap=header in ("id", "slot", "time"),
        )
    for row in rows:
        table.add_row(
            str(row.id),
            str(row.slot + 1),
            f"{row.starts_at:%d %b %H:%M}",
            escape(row.table or "-"),
            escape(row.requester),
            escape(row.requested),
            row.status.value,
            row.outcome.value if row.outcome else "-",
        )
    console.print(table if rows else "No meetings.")


@friendly_errors
def agenda(
    registration_id: int = REGISTRATION,
    file_format: AgendaFormat = typer.Option(..., "--format", help="pdf to print, ics to import."),
    out: Path = OUT,
) -> None:
    """Write a participant's agenda of published meetings, in the venue's local times."""
    with transaction() as session:
        found = plans.agenda(session, registration_id)
    write_file(out, _agenda_file(found, file_format))
    console.print(
        f"Wrote the agenda of {escape(found.participant)} ({len(found.items)} meetings) to "
        f"{escape(str(out))}.",
        highlight=False,
    )


@friendly_errors
def plan(
    event_id: int = EVENT,
    file_format: PlanFormat = typer.Option(..., "--format", help="pdf to print, csv to process."),
    out: Path = OUT,
    draft: bool = typer.Option(False, "--draft", help="The draft schedule, not the published."),
) -> None:
    """Write the organiser's table plan: every meeting by slot and table."""
    with transaction() as session:
        found = plans.table_plan(session, event_id, draft=draft)
    write_file(out, _plan_file(found, file_format))
    console.print(
        f"Wrote the table plan ({len(found.rows)} meetings) to {escape(str(out))}.",
        highlight=False,
    )


def _agenda_file(found: Agenda, file_format: AgendaFormat) -> bytes:
    """The agenda rendered; the writers are imported here as they take a while to load."""
    if file_format is AgendaFormat.PDF:
        from clusterbridge.events.agenda_pdf import agenda_pdf

        return agenda_pdf(found)
    from clusterbridge.events.agenda_ics import agenda_ics

    return agenda_ics(found)


def _plan_file(found: TablePlan, file_format: PlanFormat) -> bytes | str:
    if file_format is PlanFormat.PDF:
        from clusterbridge.events.agenda_pdf import table_plan_pdf

        return table_plan_pdf(found)
    from clusterbridge.events.table_plan_csv import table_plan_csv

    return table_plan_csv(found)


@friendly_errors
def outcome(
    meeting_id: int = typer.Argument(..., help="A meeting's id (see `events meetings`)."),
    held: bool = typer.Option(..., "--held/--not-held", help="Whether the meeting took place."),
    result: MeetingOutcome | None = typer.Option(
        None, "--outcome", help="What came of a meeting that was held."
    ),
    note: str | None = typer.Option(None, "--note", help="A note for the evaluation."),
) -> None:
    """Record whether a published meeting took place and what came of it.

    A later call corrects an earlier one."""
    with transaction() as session:
        meeting = outcomes.record_outcome(session, meeting_id, held, result, note, actor_id=None)
        said = meeting.status.value.replace("_", " ")
        what = f", {meeting.outcome.value.replace('_', ' ')}" if meeting.outcome else ""
        console.print(f"Meeting {meeting.id}: {said}{what}.", highlight=False)
