"""Checks on pages as people meet them: the words they read, and being sent to sign in."""

from __future__ import annotations

import html
import re

from httpx2 import Response


def words(page: str) -> str:
    """The page's visible words on one line (tags dropped, ``&#39;`` read as ``'``)."""
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", page).split()))


def needs_sign_in(response: Response) -> bool:
    """Whether an anonymous request was refused: a 401, or (pages) a redirect to sign in."""
    if response.status_code == 401:
        return True
    return response.status_code == 303 and response.headers["location"].startswith("/login")
