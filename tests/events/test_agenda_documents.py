"""Agendas as iCalendar and PDF, the table plan as PDF and CSV: read back and checked."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Component

from clusterbridge.core.errors import InvalidInput
from clusterbridge.events.agenda import Agenda, AgendaItem, TablePlan, TablePlanRow
from clusterbridge.events.agenda_ics import agenda_ics
from clusterbridge.events.agenda_pdf import agenda_pdf, table_plan_pdf
from clusterbridge.events.table_plan_csv import table_plan_csv
from tests.analytics.reports.pdf_reading import info, page_texts

MADRID = ZoneInfo("Europe/Madrid")
SEOUL = ZoneInfo("Asia/Seoul")
KOREAN = "김민준 (경기 바이오 클러스터)"
CATALAN = "Núria Puig (Clúster de l'Energia de Catalunya)"
BOTH = (agenda_ics, agenda_pdf)
AWKWARD = 'Smith, Jones; Partners "SJP"\nSecond line'


def item(uid: str, start: datetime, minutes: int = 20, *names: str, note: str = "") -> AgendaItem:
    return AgendaItem(uid, start, start + timedelta(minutes=minutes), "T7", names, note)


def madrid_agenda(*items: AgendaItem) -> Agenda:
    return Agenda(
        "Smart Energy B2B, Barcelona 2026",
        "Fira Montjuïc; Hall 2",
        "Europe/Madrid",
        "Jordi Pérez",
        "Clúster Energia",
        items,
        published_at=datetime(2026, 3, 1, 9, 0, tzinfo=MADRID),
    )


def across_dst() -> Agenda:
    """Madrid goes from UTC+1 to UTC+2 in the night of 28 to 29 March 2026."""
    return madrid_agenda(
        item(
            "meeting-1@ev7.clusterbridge", datetime(2026, 3, 28, 10, 0, tzinfo=MADRID), 20, KOREAN
        ),
        # Given in UTC: 08:30 UTC is 10:30 in Madrid once summer time has begun.
        item("meeting-2@ev7.clusterbridge", datetime(2026, 3, 29, 8, 30, tzinfo=UTC), 30, CATALAN),
    )


def events(ics: bytes) -> list[Component]:
    return list(Calendar.from_ical(ics).walk("VEVENT"))


def test_ics_keeps_uids_and_local_times_across_the_dst_change() -> None:
    ics = agenda_ics(across_dst())
    calendar = Calendar.from_ical(ics)
    assert str(calendar["METHOD"]) == "PUBLISH"
    found = events(ics)
    assert [str(e["UID"]) for e in found] == [
        "meeting-1@ev7.clusterbridge",
        "meeting-2@ev7.clusterbridge",
    ]
    assert [e["DTSTART"].params["TZID"] for e in found] == ["Europe/Madrid"] * 2
    starts = [e.decoded("DTSTART").astimezone(UTC) for e in found]
    ends = [e.decoded("DTEND").astimezone(UTC) for e in found]
    assert starts == [
        datetime(2026, 3, 28, 9, 0, tzinfo=UTC),
        datetime(2026, 3, 29, 8, 30, tzinfo=UTC),
    ]
    assert ends == [
        datetime(2026, 3, 28, 9, 20, tzinfo=UTC),
        datetime(2026, 3, 29, 9, 0, tzinfo=UTC),
    ]
    text = ics.decode()
    assert "DTSTART;TZID=Europe/Madrid:20260328T100000" in text
    assert "DTSTART;TZID=Europe/Madrid:20260329T103000" in text
    assert all(e.decoded("DTSTAMP") == datetime(2026, 3, 1, 8, 0, tzinfo=UTC) for e in found)
    assert "DTSTAMP:20260301T080000Z" in text
    zones = list(calendar.walk("VTIMEZONE"))
    assert [str(z["TZID"]) for z in zones] == ["Europe/Madrid"]
    offsets = {part["TZOFFSETTO"].to_ical() for part in zones[0].subcomponents}
    assert offsets == {"+0100", "+0200"}
    assert str(found[0]["SUMMARY"]) == f"Meeting with {KOREAN}"
    assert str(found[0]["LOCATION"]) == "Fira Montjuïc; Hall 2, table T7"


def test_ics_for_seoul_has_kst_times_and_its_zone() -> None:
    agenda = Agenda(
        "K-Battery Matchmaking",
        "COEX, Seoul",
        "Asia/Seoul",
        KOREAN,
        "",
        (item("m-9@ev3", datetime(2026, 11, 4, 5, 0, tzinfo=UTC), 25, CATALAN, note="Room B"),),
    )
    ics = agenda_ics(agenda)
    assert "DTSTART;TZID=Asia/Seoul:20261104T140000" in ics.decode()
    assert "DTEND;TZID=Asia/Seoul:20261104T142500" in ics.decode()
    (event,) = events(ics)
    assert event.decoded("DTSTART") == datetime(2026, 11, 4, 14, 0, tzinfo=SEOUL)
    assert event.decoded("DTSTART").utcoffset() == timedelta(hours=9)
    assert "Note: Room B" in str(event["DESCRIPTION"])
    assert "DTSTAMP" in event  # required even without a publication time
    zones = Calendar.from_ical(ics).walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Asia/Seoul"]


def test_ics_escapes_commas_semicolons_and_newlines_and_folds_lines() -> None:
    long_note = "Bring the signed NDA; " + "배터리 재활용 " * 12
    agenda = madrid_agenda(
        item("u-1", datetime(2026, 6, 2, 11, 0, tzinfo=MADRID), 20, AWKWARD, KOREAN, note=long_note)
    )
    ics = agenda_ics(agenda)
    text = ics.decode()
    assert 'Smith\\, Jones\\; Partners "SJP"\\nSecond line' in text.replace("\r\n ", "")
    (event,) = events(ics)
    assert str(event["SUMMARY"]) == f"Meeting with {AWKWARD}, {KOREAN}"
    description = str(event["DESCRIPTION"])
    assert f"With:\n{AWKWARD}\n{KOREAN}\n" in description
    assert f"Note: {long_note}" in description
    assert ics.endswith(b"\r\n")
    lines = ics.split(b"\r\n")
    assert all(b"\n" not in line and len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # folding never cuts a character in two
    assert any(line.startswith(b" ") for line in lines)  # the long description was folded


def test_empty_agenda_gives_a_valid_calendar_saying_so() -> None:
    ics = agenda_ics(madrid_agenda())
    calendar = Calendar.from_ical(ics)
    assert events(ics) == []
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Madrid"]
    assert str(calendar["DESCRIPTION"]).startswith("No meetings are scheduled for Jordi Pérez")
    assert str(calendar["VERSION"]) == "2.0"
    assert "PRODID" in calendar


@pytest.mark.parametrize(
    ("agenda", "message", "writers"),
    [
        (Agenda("E", "V", "Europe/Atlantis", "P", "", ()), "Europe/Atlantis", BOTH),
        (madrid_agenda(item("u", datetime(2026, 5, 1, 10, 0))), "no time zone", BOTH),
        (
            madrid_agenda(
                item("u", datetime(2026, 5, 1, 10, 0, tzinfo=MADRID)),
                item("u", datetime(2026, 5, 1, 11, 0, tzinfo=MADRID)),
            ),
            "more than one meeting",
            (agenda_ics,),  # one UID twice would merge two calendar entries; a PDF does not care
        ),
        (
            madrid_agenda(item("u", datetime(2026, 5, 1, 10, 0, tzinfo=MADRID), -5)),
            "ends before",
            BOTH,
        ),
    ],
)
def test_bad_agendas_are_refused_with_a_clear_message(
    agenda: Agenda, message: str, writers: tuple[Callable[[Agenda], bytes], ...]
) -> None:
    for writer in writers:
        with pytest.raises(InvalidInput, match=message):
            writer(agenda)


def pdf_text(pdf: bytes) -> str:
    """All text of the PDF with line breaks dropped (Hangul and Latin runs are separate strings)."""
    return "".join(page_texts(pdf)).replace("\n", "")


def test_agenda_pdf_shows_local_times_and_korean_and_accented_names() -> None:
    pdf = agenda_pdf(across_dst())
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for expected in [
        "Meeting agenda",
        "Smart Energy B2B, Barcelona 2026",
        "Venue: Fira Montjuïc; Hall 2",
        "Participant: Jordi Pérez (Clúster Energia)",
        "Saturday 28 March 2026",
        "10:00–10:20",
        "Sunday 29 March 2026",
        "10:30–11:00",
        KOREAN,
        CATALAN,
        "Page 1 of 1",
    ]:
        assert expected in text
    assert b"/HYGothic-Medium" in pdf
    assert info(pdf, "Title") == "Agenda of Jordi Pérez at Smart Energy B2B, Barcelona 2026"


def test_empty_agenda_pdf_says_there_are_no_meetings() -> None:
    pdf = agenda_pdf(madrid_agenda())
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    text = pdf_text(pdf)
    assert "You have no meetings scheduled at this event." in text
    assert "With whom" not in text


def plan(rows: tuple[TablePlanRow, ...]) -> TablePlan:
    return TablePlan("Smart Energy B2B", "Fira Montjuïc", "Europe/Madrid", rows)


def big_plan(tables: int) -> TablePlan:
    """Two slots across the DST change, ``tables`` meetings each."""
    starts = [datetime(2026, 3, 28, 9, 0, tzinfo=UTC), datetime(2026, 3, 29, 8, 0, tzinfo=UTC)]
    return plan(
        tuple(
            TablePlanRow(
                start,
                start + timedelta(minutes=20),
                slot,
                f"T{table}",
                (f"Guest {slot}-{table}", KOREAN),
            )
            for slot, start in enumerate(starts, start=1)
            for table in range(1, tables + 1)
        )
    )


def test_table_plan_pdf_repeats_slot_caption_and_header_on_every_page() -> None:
    pdf = table_plan_pdf(big_plan(40))
    pages = page_texts(pdf)
    assert len(pages) >= 3
    flat = [page.replace("\n", "") for page in pages]
    slot_one = "Slot 1 · Saturday 28 March 2026, 10:00–10:20"
    slot_two = "Slot 2 · Sunday 29 March 2026, 10:00–10:20"  # 08:00 UTC is 10:00 in summer time
    tables_on = [set(re.findall(r"^T(\d+)$", page, re.M)) for page in pages]
    for page, tables in zip(flat, tables_on, strict=True):
        assert tables  # no page without meetings
        assert page.count("Participants") == page.count("Slot ")  # a header under each caption
        assert slot_one in page or slot_two in page
    assert all(f"Guest 1-{n}" in "".join(flat) for n in range(1, 41))
    assert "".join(flat).count(KOREAN) == 80
    assert "80 meetings in 2 time slots." in flat[0]
    assert info(pdf, "Title") == "Table plan of Smart Energy B2B"


def test_empty_table_plan_pdf_says_there_are_no_meetings() -> None:
    text = pdf_text(table_plan_pdf(plan(())))
    assert "No meetings are scheduled at this event." in text
    assert "Slot" not in text


def test_table_plan_csv_reads_back_as_the_rows_with_local_times() -> None:
    summer = datetime(2026, 3, 29, 8, 0, tzinfo=UTC)
    rows = (
        TablePlanRow(
            datetime(2026, 3, 28, 10, 0, tzinfo=MADRID),
            datetime(2026, 3, 28, 10, 20, tzinfo=MADRID),
            1,
            "T1",
            (CATALAN, KOREAN),
        ),
        TablePlanRow(
            summer,
            summer + timedelta(minutes=20),
            2,
            "Table 2, terrace",
            (AWKWARD, '=HYPERLINK("x")'),
        ),
    )
    text = table_plan_csv(plan(rows))
    assert text.startswith("slot,starts_at,ends_at,table,participants\r\n")
    assert text.endswith("\r\n")
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["slot", "starts_at", "ends_at", "table", "participants"],
        [
            "1",
            "2026-03-28T10:00:00+01:00",
            "2026-03-28T10:20:00+01:00",
            "T1",
            f"{CATALAN}; {KOREAN}",
        ],
        [
            "2",
            "2026-03-29T10:00:00+02:00",
            "2026-03-29T10:20:00+02:00",
            "Table 2, terrace",
            f'{AWKWARD}; =HYPERLINK("x")',
        ],
    ]
    assert '"Table 2, terrace"' in text
    assert '"Smith, Jones; Partners ""SJP""\nSecond line; =HYPERLINK(""x"")"' in text


def test_table_plan_csv_defuses_cells_a_spreadsheet_would_run() -> None:
    start = datetime(2026, 5, 1, 10, 0, tzinfo=MADRID)
    rows = (
        TablePlanRow(start, start + timedelta(minutes=20), 1, "@T1", ("=cmd|' /C calc'!A0", "Ana")),
    )
    parsed = list(csv.reader(io.StringIO(table_plan_csv(plan(rows)), newline="")))
    assert parsed[1][3:] == ["'@T1", "'=cmd|' /C calc'!A0; Ana"]


def test_table_plan_with_a_naive_time_is_refused() -> None:
    rows = (
        TablePlanRow(datetime(2026, 5, 1, 10, 0), datetime(2026, 5, 1, 10, 20), 1, "T1", ("A",)),
    )
    for writer in (table_plan_csv, table_plan_pdf):
        with pytest.raises(InvalidInput, match="slot 1, table T1: time has no time zone"):
            writer(plan(rows))
