"""Fonts for the PDF: Helvetica for Latin text, a built-in CID font for Korean (or other CJK).

Helvetica's encoding (WinAnsi, close to cp1252) covers Catalan, Spanish, French and German
accents but no Hangul; ReportLab's CID fonts cover Hangul but not every accented Latin
letter. So text is cut into runs, each set in the font that has its characters: a
paragraph gets ``<font>`` tags, a chart label becomes several strings side by side.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Group, String
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
CJK_FONTS = {
    "ko": "HYGothic-Medium",
    "ja": "HeiseiKakuGo-W5",
    "zh": "STSong-Light",
    "zh-hant": "MSung-Light",
    "zh-tw": "MSung-Light",
    "zh-hk": "MSung-Light",
}
"""ReportLab's built-in CID fonts by language; viewers supply the glyphs (not embedded)."""


@cache
def cjk_font(language: str) -> str:
    """The CID font for ``language`` (Korean unless Japanese or Chinese), registered once."""
    tag = language.lower()
    name = CJK_FONTS.get(tag) or CJK_FONTS.get(tag.split("-")[0]) or CJK_FONTS["ko"]
    pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def _is_latin(character: str) -> bool:
    try:
        character.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(run, is_latin)`` pieces; spaces stay with the run they follow."""
    pieces: list[tuple[str, bool]] = []
    for character in text:
        latin = _is_latin(character)
        if pieces and (character == " " or pieces[-1][1] == latin):
            pieces[-1] = (pieces[-1][0] + character, pieces[-1][1])
        else:
            pieces.append((character, latin))
    return pieces


def markup(text: str, language: str) -> str:
    """Plain text as Paragraph markup: escaped, with non-Latin runs in the CJK font."""
    parts = []
    for run, latin in runs(text):
        if latin:
            parts.append(escape(run))
        else:
            parts.append(f'<font face="{cjk_font(language)}">{escape(run)}</font>')
    return "".join(parts)


def _font(latin: bool, bold: bool, language: str) -> str:
    if not latin:
        return cjk_font(language)
    return LATIN_BOLD if bold else LATIN


def text_width(text: str, size: float, language: str, bold: bool = False) -> float:
    """The width in points of ``text`` set in its run fonts."""
    widths = (
        pdfmetrics.stringWidth(run, _font(latin, bold, language), size) for run, latin in runs(text)
    )
    return float(sum(widths))


def fit(text: str, width: float, size: float, language: str, bold: bool = False) -> str:
    """``text``, cut and ended with an ellipsis when wider than ``width`` points."""
    if text_width(text, size, language, bold) <= width:
        return text
    while text and text_width(text + "…", size, language, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def label(
    x: float,
    y: float,
    text: str,
    *,
    size: float,
    language: str,
    anchor: str = "start",
    bold: bool = False,
    colour: object = None,
) -> Group:
    """A chart label at (x, y) aligned by ``anchor`` (start, middle, end), one string per run."""
    total = text_width(text, size, language, bold)
    left = {"start": x, "middle": x - total / 2, "end": x - total}[anchor]
    group = Group()
    for run, latin in runs(text):
        font = _font(latin, bold, language)
        string = String(left, y, run, fontName=font, fontSize=size)
        if colour is not None:
            string.fillColor = colour
        group.add(string)
        left += pdfmetrics.stringWidth(run, font, size)
    return group
