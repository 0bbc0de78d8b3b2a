"""The organiser's "schedule" button and what follows: the job runs in a background thread of
the web worker and writes its progress to its row, the job page shows that row (refreshing
itself while the job runs) and its result, ``.json`` gives the same to scripts, and publishing
makes the draft the schedule participants see.

A job is one row in the database, so any web worker can show it; the unique index on an
event's active jobs keeps two workers from running the same event at once.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.core.errors import NotFound, Problem
from clusterbridge.events import queries
from clusterbridge.events.models import JobStatus
from clusterbridge.events.planning import publish, run_schedule_job, start_schedule_job
from clusterbridge.web.auth import PrincipalDep
from clusterbridge.web.csrf import CsrfDep
from clusterbridge.web.deps import SessionDep
from clusterbridge.web.forms import app_engine, text_fields
from clusterbridge.web.routers.api_common import Id
from clusterbridge.web.routers.edit import FormDep
from clusterbridge.web.routers.events_admin_page import (
    SentForm,
    attempt,
    authorize_organiser,
    local_time,
    whole_number,
)
from clusterbridge.web.templating import render

router = APIRouter(include_in_schema=False)
log = logging.getLogger(__name__)

THREAD_PREFIX = "schedule-job-"
"""Threads running a job are named ``schedule-job-<id>`` (tests wait for them by name)."""
DEFAULT_TIME_LIMIT = 60
MAX_TIME_LIMIT = 600
REFRESH_SECONDS = 2
ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def run_job(job_id: int, engine: Engine, time_limit: float) -> None:
    """What a job's thread runs: the job to its end. The operation stores every failure on the
    job; anything that still escapes (the database gone) is logged here, so the thread, and
    the web worker, never die of it."""
    try:
        run_schedule_job(job_id, engine=engine, time_limit=time_limit)
    except Exception:
        log.exception("scheduling job %s could not run", job_id)


def start_job_thread(job_id: int, engine: Engine, time_limit: float) -> threading.Thread:
    """Run the job in a daemon thread, so the request that started it returns at once."""
    thread = threading.Thread(
        target=run_job,
        args=(job_id, engine, time_limit),
        name=f"{THREAD_PREFIX}{job_id}",
        daemon=True,
    )
    thread.start()
    return thread


def _time_limit(problems: list[Problem], text: str) -> int:
    """The seconds the optimiser may search, from the form (default one minute)."""
    seconds = whole_number(problems, "time_limit", text)
    if seconds is None:
        return DEFAULT_TIME_LIMIT
    if not 1 <= seconds <= MAX_TIME_LIMIT:
        reason = f"give a number of seconds from 1 to {MAX_TIME_LIMIT}"
        problems.append(Problem(reason, column="time_limit", value=text))
    return seconds


@router.post("/events/{event_id}/schedule", response_class=HTMLResponse)
def schedule(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    """Queue a scheduling job, start it in the background and go to its page."""
    authorize_organiser(principal)
    sent = text_fields(form, ("time_limit",))
    problems: list[Problem] = []
    seconds = _time_limit(problems, sent["time_limit"])
    started: list[int] = []

    def change() -> None:
        if not problems:
            started.append(start_schedule_job(session, event_id, actor_id=principal.user_id).id)

    def follow() -> str:
        start_job_thread(started[0], app_engine(request), seconds)
        return f"/events/{event_id}/jobs/{started[0]}"

    form_state = SentForm("schedule", sent)
    return attempt(request, session, principal, event_id, form_state, problems, change, follow)


def _job(session: Session, event_id: int, job_id: int) -> queries.JobInfo:
    """The job, or 404 unless it is a job of the event in the address."""
    job = queries.job_status(session, job_id)
    if job.event_id != event_id:
        raise NotFound(f"There is no scheduling job with id {job_id} for this event.")
    return job


def job_document(job: queries.JobInfo) -> dict[str, Any]:
    """The job as JSON: status, progress (0 to 1), message, result and times (ISO 8601)."""
    times = {
        name: None if moment is None else moment.isoformat()
        for name, moment in (
            ("created_at", job.created_at),
            ("started_at", job.started_at),
            ("finished_at", job.finished_at),
        )
    }
    return {
        "id": job.id,
        "event_id": job.event_id,
        "status": job.status.value,
        "progress": job.progress,
        "message": job.message,
        "result": job.result,
        **times,
    }


@router.get("/events/{event_id}/jobs/{job_id}.json")
def job_json(session: SessionDep, principal: PrincipalDep, event_id: Id, job_id: Id) -> Response:
    authorize_organiser(principal)
    return JSONResponse(job_document(_job(session, event_id, job_id)))


@router.get("/events/{event_id}/jobs/{job_id}", response_class=HTMLResponse)
def job_page(
    request: Request, session: SessionDep, principal: PrincipalDep, event_id: Id, job_id: Id
) -> Response:
    """The job's progress while it runs (the page reloads itself), then its result."""
    authorize_organiser(principal)
    job = _job(session, event_id, job_id)
    event = queries.event_detail(session, event_id)
    running = job.status in ACTIVE
    context = {
        "nav": "events",
        "event": event,
        "job": job,
        "running": running,
        "refresh": REFRESH_SECONDS,
        "result": job.result or {},
        "local": lambda moment: local_time(moment, event.timezone, "%Y-%m-%d %H:%M:%S %Z"),
        "csrf_token": principal.csrf_token,
    }
    response = render(request, "events_admin_job.html", context)
    if running:
        # The meta refresh sits in the page's body (base.html has no head block); browsers
        # honour it there, and the header does the same for those that would not.
        response.headers["Refresh"] = str(REFRESH_SECONDS)
        response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/events/{event_id}/publish", response_class=HTMLResponse)
def publish_schedule(
    request: Request,
    session: SessionDep,
    principal: PrincipalDep,
    event_id: Id,
    form: FormDep,
    _: CsrfDep,
) -> Response:
    """Make the draft schedule the one participants see."""
    authorize_organiser(principal)

    def change() -> None:
        publish(session, event_id, actor_id=principal.user_id)

    form_state = SentForm("publish", text_fields(form, ()))
    return attempt(request, session, principal, event_id, form_state, [], change, "published")
