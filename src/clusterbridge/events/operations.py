"""Write operations of events, shared by the web pages, the API and the CLI.

Each validates its input first (:class:`~clusterbridge.core.errors.InvalidInput` with a problem
per field, :class:`~clusterbridge.core.errors.Conflict` when the event's state forbids it,
:class:`~clusterbridge.core.errors.NotFound` for unknown ids), then writes with an audit entry
``event.*`` per change. They run in the caller's session and leave the commit to the caller, so
a failed operation leaves nothing half-applied. :func:`run_schedule_job` is the exception: it
runs a job in its own short transactions, so its progress can be watched.
"""

from clusterbridge.events.organising import (
    EventInput,
    TableSpec,
    add_session,
    close_registration,
    create_event,
    open_registration,
    set_tables,
    update_event,
)
from clusterbridge.events.outcomes import record_outcome
from clusterbridge.events.planning import (
    JobOutcome,
    PublishSummary,
    SchedulerUnavailable,
    check_solver,
    publish,
    run_schedule_job,
    start_schedule_job,
)
from clusterbridge.events.registrations import (
    RegistrationInput,
    cancel_registration,
    decide_registration,
    register,
    set_booth,
    update_registration,
)
from clusterbridge.events.requests import cancel_request, respond_request, send_request

__all__ = [
    "EventInput",
    "JobOutcome",
    "PublishSummary",
    "RegistrationInput",
    "SchedulerUnavailable",
    "TableSpec",
    "add_session",
    "cancel_registration",
    "cancel_request",
    "check_solver",
    "close_registration",
    "create_event",
    "decide_registration",
    "open_registration",
    "publish",
    "record_outcome",
    "register",
    "respond_request",
    "run_schedule_job",
    "send_request",
    "set_booth",
    "set_tables",
    "start_schedule_job",
    "update_event",
    "update_registration",
]
