"""The Jinja environment of the pages and the small helpers the templates call."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pycountry
from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from clusterbridge import __version__
from clusterbridge.registry.enums import OrganisationKind, Vocabulary
from clusterbridge.registry.queries import ClusterRef
from clusterbridge.web.viewer import viewer

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

KIND_PLURALS = {
    OrganisationKind.CLUSTER_ORGANISATION: "Cluster organisations",
    OrganisationKind.COMPANY: "Companies",
    OrganisationKind.STARTUP: "Start-ups",
    OrganisationKind.UNIVERSITY: "Universities",
    OrganisationKind.RESEARCH_CENTRE: "Research centres",
    OrganisationKind.PUBLIC_BODY: "Public bodies",
    OrganisationKind.OTHER: "Other organisations",
}
VOCABULARY_LABELS = {
    Vocabulary.NACE: "Industry (NACE)",
    Vocabulary.NAICS: "Industry (NAICS)",
    Vocabulary.TECHNOLOGY: "Technology",
    Vocabulary.EMERGING: "Emerging industry",
}
HANGUL_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF))


@cache
def country_name(code: str | None) -> str:
    """The common English name of an ISO 3166 alpha-2 code ('KR' -> 'South Korea')."""
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def label(value: object) -> str:
    """A readable label for an enum value: 'research_centre' -> 'Research centre'."""
    text = str(getattr(value, "value", value) or "")
    return text.replace("_", " ").capitalize()


def language_of(text: str | None) -> str | None:
    """'ko' when the text contains Hangul, so browsers pick a Korean font and line breaking."""
    for char in text or "":
        point = ord(char)
        if any(low <= point <= high for low, high in HANGUL_RANGES):
            return "ko"
    return None


def number(value: int | Decimal | float | None) -> str:
    """Digits grouped by thousands; decimals without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():,f}"
    return f"{value:,}"


def query_url(path: str, params: Mapping[str, Any], **changes: Any) -> str:
    """``path`` with the non-empty ``params`` (updated by ``changes``) as its query string."""
    merged = {**params, **changes}
    if merged.get("page") == 1:
        del merged["page"]
    query = urlencode({k: v for k, v in merged.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def page_window(current: int, pages: int, radius: int = 2) -> list[int | None]:
    """Page numbers to link: first, last and those near ``current``; None marks a gap."""
    shown = {1, pages, *range(current - radius, current + radius + 1)}
    window: list[int | None] = []
    previous = 0
    for page in sorted(n for n in shown if 1 <= n <= pages):
        if previous and page - previous > 1:
            window.append(None)
        window.append(page)
        previous = page
    return window


def country_options(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by country name, for a select."""
    return sorted(((code, country_name(code)) for code in codes), key=lambda pair: pair[1])


def cluster_options(clusters: Iterable[ClusterRef]) -> list[tuple[int, str]]:
    return [(c.id, f"{c.name} ({c.acronym})" if c.acronym else c.name) for c in clusters]


def kind_options() -> list[tuple[str, str]]:
    return [(kind.value, label(kind)) for kind in OrganisationKind]


def consecutive_groups(items: Iterable[Any], attribute: str) -> list[tuple[Any, list[Any]]]:
    """Group runs of items sharing ``attribute``, keeping their order (Jinja's groupby sorts)."""
    return [(key, list(group)) for key, group in groupby(items, key=attrgetter(attribute))]


def _make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=TEMPLATES_DIR)
    env = templates.env
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.filters.update(country=country_name, label=label, lang=language_of, number=number)
    env.globals.update(
        query_url=query_url,
        page_window=page_window,
        kind_plurals=KIND_PLURALS,
        vocabulary_labels=VOCABULARY_LABELS,
        country_options=country_options,
        cluster_options=cluster_options,
        kind_options=kind_options,
        consecutive_groups=consecutive_groups,
        version=__version__,
        viewer=viewer,
    )
    return templates


templates = _make_templates()


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    """Render a page template (HTML-escaped) with the request in its context."""
    return templates.TemplateResponse(request, name, context, status_code=status_code)
