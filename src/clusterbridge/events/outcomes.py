"""Recording whether a published meeting took place and what came of it (an agreement signed,
a follow-up...), which cluster evaluation counts later."""

from __future__ import annotations

from sqlalchemy.orm import Session

from clusterbridge.core.errors import Conflict, Problem
from clusterbridge.events.common import MAX_MESSAGE, clean_text, get_record, raise_problems, record
from clusterbridge.events.models import Meeting, MeetingOutcome, MeetingStatus


def record_outcome(
    session: Session,
    meeting_id: int,
    held: bool,
    outcome: MeetingOutcome | None = None,
    note: str | None = None,
    *,
    actor_id: int | None,
) -> Meeting:
    """Say whether a published meeting was held and, if so, its outcome. A later call
    corrects an earlier one."""
    meeting = get_record(session, Meeting, meeting_id, "meeting")
    problems: list[Problem] = []
    text = clean_text(problems, "note", note, MAX_MESSAGE)
    if outcome is not None and not held:
        problems.append(
            Problem(
                "a meeting that was not held has no outcome", column="outcome", value=outcome.value
            )
        )
    raise_problems(problems)
    if not meeting.published:
        raise Conflict("This meeting is not part of the published schedule.")
    if meeting.status is MeetingStatus.CANCELLED:
        raise Conflict("This meeting was cancelled.")
    before = {"status": meeting.status, "outcome": meeting.outcome, "note": meeting.outcome_note}
    meeting.status = MeetingStatus.HELD if held else MeetingStatus.NOT_HELD
    meeting.outcome, meeting.outcome_note = outcome, text
    session.flush()
    after = {"status": meeting.status, "outcome": outcome, "note": text}
    record(
        session, actor_id, "meeting.outcome_recorded", "event_meeting", meeting.id, before, after
    )
    return meeting
