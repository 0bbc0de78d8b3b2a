"""The organiser's table plan (page, PDF, CSV) and the outcomes page of an event.

The plan shows the published schedule, or with ``?draft=1`` the draft a scheduling run left
to check before publishing. The outcomes page lists the published meetings with a form each
that posts to the participants' outcome route (``/events/{id}/meetings/{id}/outcome``), which
organisers may use too, and the event's outcome figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from clusterbridge.events import queries
from clusterbridge.events.agenda import TablePlan, TablePlanRow
from clusterbridge.events.agenda_pdf import table_plan_pdf
from clusterbridge.events.models import MeetingOutcome, MeetingStatus
from clusterbridge.events.table_plan_csv import table_plan_csv
from clusterbridge.web.auth import PrincipalDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.routers.api_common import Id
from clusterbridge.web.routers.events_admin_page import authorize_organiser
from clusterbridge.web.templating import label, render

router = APIRouter(include_in_schema=False)

Draft = Annotated[bool, Query(description="The draft schedule instead of the published one.")]
Recorded = Annotated[str | None, Query(max_length=20)]


@dataclass(frozen=True)
class PlanSlot:
    """One slot of the plan: its number, its local times and the meetings in it."""

    slot: int
    starts: str
    ends: str
    rows: tuple[TablePlanRow, ...]


def plan_slots(plan: TablePlan) -> list[PlanSlot]:
    """The plan's rows grouped by slot, in slot order (the rows come by slot and table)."""
    slots: list[PlanSlot] = []
    for row in plan.rows:
        if slots and slots[-1].slot == row.slot:
            last = slots[-1]
            slots[-1] = PlanSlot(last.slot, last.starts, last.ends, (*last.rows, row))
        else:
            starts = row.starts_at.strftime("%a %d %b %Y, %H:%M")
            slots.append(PlanSlot(row.slot, starts, row.ends_at.strftime("%H:%M"), (row,)))
    return slots


def _download(body: bytes, media_type: str, filename: str) -> Response:
    disposition = f'attachment; filename="{filename}"'
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})


def _name(event_id: int, draft: bool, extension: str) -> str:
    return f"table-plan-event-{event_id}{'-draft' if draft else ''}.{extension}"


@router.get("/events/{event_id}/plan", response_class=HTMLResponse)
def plan_page(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    draft: Draft = False,
) -> Response:
    """Every meeting by slot and table, at the venue's local times."""
    authorize_organiser(principal)
    plan = queries.table_plan(session, event_id, draft=draft)
    context = {
        "nav": "events",
        "event_id": event_id,
        "plan": plan,
        "slots": plan_slots(plan),
        "draft": draft,
        "suffix": "?draft=1" if draft else "",
    }
    return render(request, "events_admin_plan.html", context)


@router.get("/events/{event_id}/plan.pdf")
def plan_pdf(
    session: SessionDep, principal: PrincipalDep, event_id: Id, draft: Draft = False
) -> Response:
    authorize_organiser(principal)
    plan = queries.table_plan(session, event_id, draft=draft)
    return _download(table_plan_pdf(plan), "application/pdf", _name(event_id, draft, "pdf"))


@router.get("/events/{event_id}/plan.csv")
def plan_csv(
    session: SessionDep, principal: PrincipalDep, event_id: Id, draft: Draft = False
) -> Response:
    authorize_organiser(principal)
    plan = queries.table_plan(session, event_id, draft=draft)
    body = table_plan_csv(plan).encode("utf-8")
    return _download(body, "text/csv; charset=utf-8", _name(event_id, draft, "csv"))


@router.get("/events/{event_id}/outcomes", response_class=HTMLResponse)
def outcomes_page(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    recorded: Recorded = None,
) -> Response:
    """The published meetings with their recorded outcome and a form to record it."""
    authorize_organiser(principal)
    context = {
        "nav": "events",
        "event": queries.event_detail(session, event_id),
        "meetings": queries.meetings(session, event_id),
        "summary": queries.outcome_summary(session, event_id),
        "statuses": [(s, label(s)) for s in MeetingStatus if s is not MeetingStatus.CANCELLED],
        "outcomes": [(o.value, label(o)) for o in MeetingOutcome],
        "recorded": recorded is not None,
        "csrf_token": principal.csrf_token,
    }
    return render(request, "events_admin_outcomes.html", context)
