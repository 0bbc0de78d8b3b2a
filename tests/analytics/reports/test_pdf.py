"""The PDF: a real PDF, page numbers, repeated table headers, Korean and Catalan text."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from clusterbridge.analytics.reports.content import (
    Bar,
    BarChart,
    Cell,
    ChoroplethMap,
    LineChart,
    RegionValue,
    Report,
    Section,
    Series,
    table_of,
)
from clusterbridge.analytics.reports.pdf import render_pdf
from clusterbridge.analytics.reports.pdf_charts import nice_ticks, tick_labels
from clusterbridge.analytics.reports.pdf_text import markup, runs
from tests.analytics.reports.pdf_reading import info, page_texts

CATALAN = "Clúster de l'Energia de Catalunya"
KOREAN = "경기 바이오 클러스터"


def report_of(
    *blocks: object, title: str = "Cluster report", paragraphs: tuple[str, ...] = ()
) -> Report:
    section = Section("Indicators", paragraphs, blocks)  # type: ignore[arg-type]
    return Report(title, "", date(2026, 11, 27), (section,), language="ko")


def test_a_long_table_fills_the_expected_pages_with_its_header_on_each() -> None:
    rows: list[list[Cell]] = [[f"R{n:03d}", f"Region {n}", n * 10] for n in range(1, 201)]
    pdf = render_pdf(report_of(table_of(["Code", "Region", "Employment"], rows)))
    assert pdf.startswith(b"%PDF-")
    pages = page_texts(pdf)
    # A4 with 2 cm margins leaves a frame of 841.89 - 113.39 - 12 (padding) = 716.5 pt. A
    # one-line row is 10.5 leading + 2 + 2 padding = 14.5 pt, so a full page holds 49 rows:
    # the header and 48 rows. Page 1 first spends 78 pt on the title (24 + 6 after), the
    # "generated on" line (14 + 6) and the heading (18 + 6, and 10 before it of which the 6
    # after the previous line count): 638.5 pt left, 44 rows, the header and 43.
    # 200 rows: 43 + 48 + 48 + 48 + 13, five pages.
    per_page = [len(re.findall(r"^R\d{3}$", text, re.M)) for text in pages]
    assert per_page == [43, 48, 48, 48, 13]
    assert all(text.count("Employment") == 1 for text in pages)
    assert [re.search(r"Page (\d+) of (\d+)", t).groups() for t in pages] == [  # type: ignore[union-attr]
        (str(n), "5") for n in range(1, 6)
    ]
    assert "R001" in pages[0]
    assert "R200" in pages[4]
    assert "2,000" in pages[4]


def test_korean_and_catalan_names_are_in_the_text_and_the_metadata() -> None:
    report = report_of(
        table_of(["Cluster"], [[KOREAN], [CATALAN]]),
        title=f"Peers of {KOREAN}",
        paragraphs=(f"{CATALAN} and {KOREAN} compared.",),
    )
    pdf = render_pdf(report)
    text = "".join(page_texts(pdf)).replace("\n", "")
    assert text.count(KOREAN) >= 4  # title, paragraph, table cell, page footer
    assert text.count(CATALAN) == 2
    assert info(pdf, "Title") == f"Peers of {KOREAN}"
    assert info(pdf, "Author") == "ClusterBridge"
    assert b"/HYGothic-Medium" in pdf
    assert b"/Lang (ko)" in pdf


def test_charts_and_maps_are_drawn_with_their_values() -> None:
    line = LineChart(
        "Employment", "jobs", (Series(CATALAN, ((2019, 1200.0), (2020, None), (2021, 1350.0))),)
    )
    bars = BarChart("Peers", "LQ", (Bar(KOREAN, 1.4, True), Bar(CATALAN, 0.8)), 1.0, "LQ = 1")
    tiles = ChoroplethMap(
        "Strength",
        "Location quotient",
        (RegionValue("KR41", "경기도", 1.7), RegionValue("ES51", "Catalunya", None)),
        (1.0,),
    )
    pages = page_texts(render_pdf(report_of(line, bars, tiles)))
    lines = "\n".join(pages).splitlines()
    for expected in ["Employment", "2019", "2021", "1,200.00", "1,350.00", "–"]:
        assert expected in lines  # the line chart's axis and its values table
    for expected in ["Peers", KOREAN, CATALAN, "1.40", "0.80", "LQ = 1"]:
        assert expected in lines
    for expected in ["ES51", "KR41", "under 1", "1 and over", "no data", "경기도", "1.70"]:
        assert expected in lines
    assert "Tile map: no region geometry configured." in lines


def test_text_runs_split_hangul_from_accented_latin() -> None:
    assert runs(f"{CATALAN} · {KOREAN} (2024)") == [
        (f"{CATALAN} · ", True),
        (f"{KOREAN} ", False),
        ("(2024)", True),
    ]
    assert (
        markup("A & 경기 <b>", "ko") == 'A &amp; <font face="HYGothic-Medium">경기 </font>&lt;b&gt;'
    )


@given(st.text(max_size=30))
def test_runs_keep_every_character_in_order(text: str) -> None:
    assert "".join(run for run, _ in runs(text)) == text


@given(st.floats(-1e6, 1e6), st.floats(0.001, 1e6))
def test_ticks_cover_the_range_in_round_steps(low: float, span: float) -> None:
    ticks = nice_ticks(low, low + span)
    assert ticks[0] <= low + 1e-9 * abs(low)
    assert ticks[-1] >= low + span - 1e-9 * abs(low + span)
    assert len(set(tick_labels(ticks))) == len(ticks)
    assert 2 <= len(ticks) <= 12


def test_ticks_by_hand() -> None:
    assert nice_ticks(0, 3) == [0, 1, 2, 3]
    assert nice_ticks(0, 1.51) == [0, 0.5, 1.0, 1.5, 2.0]
    assert tick_labels([0, 0.5, 1.0]) == ["0.0", "0.5", "1.0"]
    assert tick_labels([0, 20000]) == ["0", "20,000"]
