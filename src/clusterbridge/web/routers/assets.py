"""plotly.js, served from the installed Plotly package: charts work offline, with no CDN."""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter
from fastapi.responses import Response

router = APIRouter(include_in_schema=False)


@cache
def _plotly_js() -> bytes:
    from plotly.offline import get_plotlyjs

    script: str = get_plotlyjs()
    return script.encode("utf-8")


@router.get("/assets/plotly.min.js")
def plotly_js() -> Response:
    """The plotly.js bundle of the installed Plotly version (cached by browsers for a day)."""
    return Response(
        _plotly_js(),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=86400"},
    )
