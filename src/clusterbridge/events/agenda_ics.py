"""A participant's agenda as an iCalendar file (RFC 5545) that calendar apps import.

Times are written in the venue's zone (``DTSTART;TZID=Europe/Madrid:20260329T100000``) with a
VTIMEZONE built from the IANA database, not as UTC. Every major client imports both forms to
the same instant, but with the zone attached the event still says "10:00 Madrid time" when a
participant looks at it from home before travelling, matching the PDF agenda; clients that know
the IANA name (Google, Apple, Thunderbird) use their own rules, the others (Outlook) read the
VTIMEZONE. Writing goes through the ``icalendar`` package, which escapes text and folds lines.

The time helpers here (``venue_zone``, ``local_span``) are shared by the PDF and CSV writers.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone, vText

from clusterbridge.core.errors import InvalidInput, Problem
from clusterbridge.events.agenda import Agenda, AgendaItem

PRODID = "-//ClusterBridge//Agenda//EN"


def venue_zone(name: str) -> ZoneInfo:
    """The venue's time zone, or a clear error when ``name`` is not an IANA zone name."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        problem = Problem(
            "unknown time zone; use an IANA name such as Europe/Madrid",
            column="timezone",
            value=name,
        )
        raise InvalidInput([problem], "The venue's time zone is not known") from error


def local_span(
    starts_at: datetime, ends_at: datetime, zone: ZoneInfo, where: str
) -> tuple[datetime, datetime]:
    """Start and end of a meeting in the venue's zone; both must be aware and in order.

    A naive time is refused rather than guessed: read as UTC or as local it would be an hour or
    more off for half the participants, and nobody would notice until they missed a meeting.
    """
    problems = [
        Problem(f"{where}: time has no time zone", column=column, value=moment.isoformat())
        for column, moment in (("starts_at", starts_at), ("ends_at", ends_at))
        if moment.tzinfo is None or moment.utcoffset() is None
    ]
    if problems:
        raise InvalidInput(problems, "A meeting time has no time zone")
    if ends_at <= starts_at:
        problem = Problem(
            f"{where}: the meeting ends before it starts (at {starts_at.isoformat()})",
            column="ends_at",
            value=ends_at.isoformat(),
        )
        raise InvalidInput([problem], "A meeting ends before it starts")
    return starts_at.astimezone(zone), ends_at.astimezone(zone)


def agenda_ics(agenda: Agenda) -> bytes:
    """The agenda as a calendar: one VEVENT per meeting, UID kept so re-imports update.

    An empty agenda still gives a valid calendar (RFC 5545 wants one component: the
    VTIMEZONE) whose description says there are no meetings, rather than a fake event.
    """
    zone = venue_zone(agenda.timezone)
    _check_uids(agenda.items)
    stamp = (agenda.published_at or datetime.now(UTC)).astimezone(UTC)
    spans = [
        local_span(item.starts_at, item.ends_at, zone, f"meeting {item.uid}")
        for item in agenda.items
    ]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = f"{agenda.event} – {agenda.participant}"
    calendar.add("name", name)
    calendar.add("x-wr-calname", vText(name))  # X- names are not escaped unless typed
    description = _calendar_description(agenda)
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", vText(description))
    calendar.add_component(_timezone(zone, agenda.timezone, spans, stamp))
    for item, (start, end) in zip(agenda.items, spans, strict=True):
        calendar.add_component(_event(agenda, item, start, end, stamp))
    ical: bytes = calendar.to_ical()
    return ical


def _check_uids(items: tuple[AgendaItem, ...]) -> None:
    """Two events with one UID would merge into one entry on import: refuse them."""
    counts = Counter(item.uid for item in items)
    problems = [
        Problem("the same UID is used by more than one meeting", column="uid", value=uid)
        for uid, count in counts.items()
        if count > 1
    ]
    problems += [Problem("a meeting has no UID", column="uid") for item in items if not item.uid]
    if problems:
        raise InvalidInput(problems, "The agenda's meeting UIDs are not unique")


def _calendar_description(agenda: Agenda) -> str:
    who = _participant(agenda)
    if not agenda.items:
        return f"No meetings are scheduled for {who} at {agenda.event}."
    count = len(agenda.items)
    return f"{count} meeting{'s' if count != 1 else ''} of {who} at {agenda.event}."


def _participant(agenda: Agenda) -> str:
    if agenda.organisation:
        return f"{agenda.participant} ({agenda.organisation})"
    return agenda.participant


def _timezone(
    zone: ZoneInfo, name: str, spans: list[tuple[datetime, datetime]], stamp: datetime
) -> Timezone:
    """The VTIMEZONE for whole calendar years around the meetings (both DST changes in it)."""
    years = [moment.year for span in spans for moment in span] or [stamp.astimezone(zone).year]
    first, last = date(min(years), 1, 1), date(max(years) + 1, 1, 1)
    return Timezone.from_tzinfo(zone, tzid=name, first_date=first, last_date=last)


def _event(
    agenda: Agenda, item: AgendaItem, start: datetime, end: datetime, stamp: datetime
) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary(item))
    event.add("location", location(agenda, item))
    event.add("description", _description(agenda, item))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def summary(item: AgendaItem) -> str:
    """What the calendar shows in its grid: who the meeting is with."""
    if not item.counterparts:
        return "Meeting"
    return "Meeting with " + ", ".join(item.counterparts)


def location(agenda: Agenda, item: AgendaItem) -> str:
    """Where to go: the venue and the table."""
    table = f"table {item.table}" if item.table else ""
    return ", ".join(part for part in (agenda.venue, table) if part) or agenda.event


def _description(agenda: Agenda, item: AgendaItem) -> str:
    lines = [f"{agenda.event}, table {item.table}" if item.table else agenda.event]
    if item.counterparts:
        lines.append("With:")
        lines.extend(item.counterparts)
    if item.note:
        lines.append(f"Note: {item.note}")
    lines.append(f"Agenda of {_participant(agenda)}.")
    return "\n".join(lines)
