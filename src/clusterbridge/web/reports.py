"""Show a report's content as a page (charts drawn by plotly.js) or as a PDF download."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.responses import Response

from clusterbridge.analytics.reports.content import Report
from clusterbridge.analytics.reports.html import html_fragment
from clusterbridge.analytics.reports.pdf import render_pdf
from clusterbridge.web.policies import CHART_PAGE_POLICY
from clusterbridge.web.templating import render


def report_fragments(report: Report) -> list[list[str]]:
    """The HTML of every block, section by section, each chart with a page-unique id."""
    return [
        [html_fragment(block, f"chart-{s}-{b}") for b, block in enumerate(section.blocks)]
        for s, section in enumerate(report.sections)
    ]


def render_report(
    request: Request, template: str, report: Report, context: dict[str, Any]
) -> Response:
    """A page that shows ``report`` under whatever ``template`` puts around it."""
    full = {"report": report, "fragments": report_fragments(report), "charts": True, **context}
    response = render(request, template, full)
    response.headers["Content-Security-Policy"] = CHART_PAGE_POLICY
    return response


def pdf_response(report: Report, filename: str) -> Response:
    """The report as a PDF attachment."""
    return Response(
        render_pdf(report),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
