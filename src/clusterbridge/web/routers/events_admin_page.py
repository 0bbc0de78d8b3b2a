"""What the organiser's event pages share: the permission check, reading whole numbers from
forms, and the event's dashboard, which every form of it shows again with its problems.

Each form of the dashboard has a name (``settings``, ``session``, ``tables``...); after a
failed post the page is rendered again with the sent values and each problem next to its field
in that form, and nothing is saved. A change that succeeds redirects to the dashboard with a
notice, so reloading the page repeats nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from clusterbridge.accounts.permissions import Action, Principal
from clusterbridge.core.errors import ClusterBridgeError, Conflict, InvalidInput, NotFound, Problem
from clusterbridge.events import queries
from clusterbridge.events.models import RegistrationStatus
from clusterbridge.registry.operations import StaleVersion
from clusterbridge.web.auth import authorize
from clusterbridge.web.forms import field_errors
from clusterbridge.web.templating import render

DONE = {
    "created": "The event was created. Add its sessions and tables, then open registration.",
    "settings": "The event's settings were saved.",
    "session": "The session was added.",
    "tables": "The tables were set. A draft schedule, if there was one, was dropped.",
    "opened": "Registration is open.",
    "closed": "Registration is closed. You can now compute the schedule.",
    "approved": "The registration was approved.",
    "declined": "The registration was declined.",
    "booth": "The booth was changed.",
    "published": "The schedule is published; participants now see their agendas.",
}
STALE = (
    "The event was changed by someone else meanwhile, so nothing was saved. The form shows "
    "the current settings; your values are listed below it to apply again."
)
REGISTRATION_FILTERS = ("all", *(status.value for status in RegistrationStatus))
WHOLE = re.compile(r"[0-9]{1,9}")


def authorize_organiser(principal: Principal) -> None:
    """Only event organisers (and administrators) reach these pages: 401 or 403 otherwise."""
    authorize(principal, Action.MANAGE_EVENTS)


def whole_number(
    problems: list[Problem], name: str, text: str, required: bool = False
) -> int | None:
    """The whole number typed in field ``name`` (None when empty), or a problem for it."""
    if not text:
        if required:
            problems.append(Problem("a value is required", column=name))
        return None
    if not WHOLE.fullmatch(text):
        problems.append(Problem("give a whole number, such as 30", column=name, value=text))
        return None
    return int(text)


def local_time(moment: datetime | None, timezone: str, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """A stored UTC time as the venue's clock shows it (UTC if the zone is unknown)."""
    if moment is None:
        return ""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return moment.astimezone(zone).strftime(pattern)


@dataclass
class SentForm:
    """A form of the dashboard as it was sent: its name, values and, once refused, problems."""

    name: str
    values: Mapping[str, str]
    registration_id: int | None = None
    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def concerns(self, name: str, registration_id: int | None = None) -> bool:
        """Whether this is the form ``name`` (of that registration's row, for row forms)."""
        return self.name == name and self.registration_id == registration_id


def dashboard(
    request: Request,
    session: Session,
    principal: Principal,
    event_id: int,
    shown: str = "all",
    status: int = 200,
    **extra: Any,
) -> Response:
    """The event's dashboard; ``extra`` carries a notice, or a refused form and its problems."""
    detail = queries.event_detail(session, event_id)
    chosen = None if shown == "all" else RegistrationStatus(shown)
    context = {
        "nav": "events",
        "event": detail,
        "registrations": queries.registrations(session, event_id, chosen),
        "shown": shown,
        "filters": REGISTRATION_FILTERS,
        "table_names": {table.id: table.name for table in detail.tables},
        "local": lambda moment: local_time(moment, detail.timezone),
        "csrf_token": principal.csrf_token,
        "form": None,
        "stale": None,
        "notice": None,
        **extra,
    }
    return render(request, "events_admin_manage.html", context, status_code=status)


def manage_url(event_id: int, done: str | None = None) -> str:
    return f"/events/{event_id}/manage" + (f"?done={done}" if done else "")


def attempt(
    request: Request,
    session: Session,
    principal: Principal,
    event_id: int,
    form: SentForm,
    problems: Collection[Problem],
    change: Callable[[], object],
    done: str | Callable[[], str],
) -> Response:
    """Run ``change`` (an operation in the request's session) and commit, then go back to the
    dashboard with the ``done`` notice, or to the address ``done()`` returns after the commit.

    The form's own ``problems`` (a number that is not one) and the operation's are shown
    together, at their fields, with nothing saved: 422 for refused input, 409 for a conflict
    with the event's state (or its version: then the current settings are shown)."""
    found = list(problems)
    status = 422
    try:
        change()
    except InvalidInput as exc:
        found.extend(exc.problems)
    except StaleVersion:
        session.rollback()
        mine = sorted(form.values.items())
        return dashboard(request, session, principal, event_id, status=409, stale=STALE, mine=mine)
    except NotFound:
        raise
    except ClusterBridgeError as exc:
        found.append(Problem(str(exc)))
        status = 409 if isinstance(exc, Conflict) else 400
    if not found:
        session.commit()
        target = done() if callable(done) else manage_url(event_id, done)
        return RedirectResponse(target, status_code=303)
    session.rollback()
    form.errors, form.general = field_errors(found)
    return dashboard(request, session, principal, event_id, status=status, form=form)
