"""A report as an A4 PDF (ReportLab platypus): title, sections, tables, charts and maps.

The PDF carries the same content as the HTML page, drawn by ReportLab itself (no browser),
with page numbers ("Page 2 of 5") and the report title in the document metadata.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from clusterbridge.analytics.reports import content
from clusterbridge.analytics.reports.content import (
    BarChart,
    Block,
    Cell,
    ChoroplethMap,
    LineChart,
    Report,
    format_value,
)
from clusterbridge.analytics.reports.html import values_table
from clusterbridge.analytics.reports.map_layout import layout_map
from clusterbridge.analytics.reports.pdf_charts import bar_drawing, line_drawing, map_drawing
from clusterbridge.analytics.reports.pdf_text import LATIN, LATIN_BOLD, cjk_font, fit, markup, runs

MARGIN = 2 * cm
FRAME_WIDTH = A4[0] - 2 * MARGIN
HEADER_BACKGROUND = colors.HexColor("#e8eef4")
RULE = colors.HexColor("#b0b8c0")


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=LATIN, fontSize=10, leading=14, spaceAfter=6)
    return {
        "title": ParagraphStyle("title", body, fontName=LATIN_BOLD, fontSize=20, leading=24),
        "subtitle": ParagraphStyle("subtitle", body, fontSize=12, leading=16),
        "meta": ParagraphStyle("meta", body, fontSize=9, textColor=colors.HexColor("#555555")),
        "heading": ParagraphStyle(
            "heading", body, fontName=LATIN_BOLD, fontSize=14, leading=18, spaceBefore=10
        ),
        "caption": ParagraphStyle("caption", body, fontName=LATIN_BOLD, spaceBefore=6),
        "body": body,
        "note": ParagraphStyle("note", body, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "number": ParagraphStyle("number", body, fontSize=8.5, leading=10.5, alignment=TA_RIGHT),
        "header": ParagraphStyle("header", body, fontName=LATIN_BOLD, fontSize=8.5, leading=10.5),
    }


class _Writer:
    """Turns report content into flowables in one language (which picks the CJK font)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.styles = _styles()

    def text(self, text: str, style: str) -> Paragraph:
        """A paragraph of plain text (escaped; Hangul runs set in the CJK font)."""
        return Paragraph(markup(text, self.language), self.styles[style])

    def report(self, report: Report) -> list[Flowable]:
        flowables: list[Flowable] = [self.text(report.title, "title")]
        if report.subtitle:
            flowables.append(self.text(report.subtitle, "subtitle"))
        generated = report.generated_on.isoformat()
        flowables.append(self.text(f"Generated on {generated} by {report.author}", "meta"))
        for section in report.sections:
            flowables.append(self.text(section.heading, "heading"))
            flowables.extend(self.text(p, "body") for p in section.paragraphs)
            for block in section.blocks:
                flowables.extend(self.block(block))
        return flowables

    def block(self, block: Block) -> list[Flowable]:
        """The flowables of one block; charts get their title as a caption above them."""
        if isinstance(block, content.Table):
            caption = [self.text(block.title, "caption")] if block.title else []
            return [*caption, self.table(block.columns, block.rows), Spacer(1, 8)]
        title = self.text(block.title, "caption")
        description = [self.text(block.description, "note")] if block.description else []
        if isinstance(block, LineChart):
            drawing = line_drawing(block, FRAME_WIDTH, self.language)
            columns, rows = values_table(block)
            return [KeepTogether([title, drawing]), *description, self.table(columns, rows)]
        if isinstance(block, BarChart):
            return [
                KeepTogether([title, bar_drawing(block, FRAME_WIDTH, self.language)]),
                *description,
            ]
        return [*self.map(block, title), *description]

    def map(self, choropleth: ChoroplethMap, title: Paragraph) -> list[Flowable]:
        """The map, a note for a tile map, regions without outline, then the values table."""
        layout = layout_map(choropleth)
        drawing = map_drawing(layout, choropleth.legend, FRAME_WIDTH, self.language)
        flowables: list[Flowable] = [KeepTogether([title, drawing])]
        if layout.note:
            flowables.append(self.text(f"Tile map: {layout.note}.", "note"))
        if layout.missing:
            names = ", ".join(f"{v.name} ({v.code}): {v.display()}" for v in layout.missing)
            flowables.append(self.text(f"Not on the map (no outline): {names}.", "note"))
        columns, rows = values_table(choropleth, layout)
        flowables.append(self.table(columns, rows))
        return flowables

    def table(
        self, columns: tuple[str, ...], rows: list[tuple[Cell, ...]] | tuple[tuple[Cell, ...], ...]
    ) -> Table:
        """A table whose header row repeats on every page it spans."""
        header = [self.text(c, "header") for c in columns]
        body = [[self._cell(cell) for cell in row] for row in rows]
        table = Table([header, *body], colWidths=_column_widths(columns, rows), repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return table

    def _cell(self, cell: Cell) -> Paragraph:
        numeric = isinstance(cell, int | float) and not isinstance(cell, bool)
        return self.text(format_value(cell), "number" if numeric else "cell")


def _column_widths(
    columns: tuple[str, ...], rows: list[tuple[Cell, ...]] | tuple[tuple[Cell, ...], ...]
) -> list[float]:
    """Widths in proportion to each column's longest text (capped), filling the frame."""
    longest = [min(40, max(4, len(c))) for c in columns]
    for row in rows[:500]:
        for index, cell in enumerate(row):
            longest[index] = max(longest[index], min(40, len(format_value(cell))))
    total = sum(longest)
    return [FRAME_WIDTH * n / total for n in longest]


def numbered_canvas(footer: str, language: str) -> type[Canvas]:
    """A canvas that holds pages back until the end, to write "Page n of N" on each."""
    footer_runs = runs(fit(footer, FRAME_WIDTH - 80, 8, language))

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, len(self._pages))
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            self.setFont(LATIN, 8)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawRightString(A4[0] - MARGIN, MARGIN / 2, f"Page {number} of {total}")
            self._footer_title()

        def _footer_title(self) -> None:
            text = self.beginText(MARGIN, MARGIN / 2)
            for run, latin in footer_runs:
                text.setFont(LATIN if latin else cjk_font(language), 8)
                text.textOut(run)
            self.drawText(text)

    return NumberedCanvas


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes: A4, page numbers, the title in the document metadata."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=report.title,
        subject=report.subtitle,
        author=report.author,
        creator="ClusterBridge",
        lang=report.language,
        displayDocTitle=True,
    )
    writer = _Writer(report.language)
    document.build(
        writer.report(report), canvasmaker=numbered_canvas(report.title, report.language)
    )
    return buffer.getvalue()
