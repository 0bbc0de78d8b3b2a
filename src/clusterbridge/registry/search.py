"""The searchable text of an organisation, folded once when it is written.

Searching six columns with ``lower(...) LIKE`` costs six function calls per row and folds only
ASCII letters on SQLite. Instead each organisation keeps ``search_text``: its name, Latin name,
city, description, offers and needs, case-folded and stripped of accents in Python (so 'Ç',
'À' and Hangul all behave), and a search is one ``LIKE`` per word on that column.
"""

from __future__ import annotations

import unicodedata
from typing import Any

SEARCHED_FIELDS = ("name", "name_latin", "city", "description", "offers", "needs")


def fold(text: str) -> str:
    """Case-folded, accents removed, whitespace collapsed: 'Clúster Àrea' -> 'cluster area'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFC", stripped).split())


def search_text(values: dict[str, Any]) -> str:
    """The folded text of an organisation, from its field values (missing ones skipped)."""
    return fold(" ".join(str(values[f]) for f in SEARCHED_FIELDS if values.get(f)))
