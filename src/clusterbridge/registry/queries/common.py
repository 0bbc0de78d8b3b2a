"""Shared pieces of the registry read side: search conditions, small value types, and the
:class:`~clusterbridge.core.pages.Page` every directory returns (re-exported from core)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Generic, TypeAlias, TypeVar

from sqlalchemy import ColumnElement, Select, and_, case, or_, true
from sqlalchemy.orm import aliased

from clusterbridge.core.pages import Page as Page  # re-exported: the registry pages are Pages
from clusterbridge.registry.enums import (
    OrganisationKind,
    Vocabulary,
)
from clusterbridge.registry.models import (
    Membership,
    Organisation,
)
from clusterbridge.registry.search import fold

T = TypeVar("T")
AnySelect: TypeAlias = Select[*tuple[Any, ...]]
PER_PAGE = 25
INDUSTRY_VOCABULARIES = (Vocabulary.NACE, Vocabulary.NAICS)
ClusterOrganisation = aliased(Organisation, name="cluster_organisation")
KIND_ORDER = case({kind: n for n, kind in enumerate(OrganisationKind)}, value=Organisation.kind)
"""Sorts kinds as the enum lists them (cluster organisations, companies, start-ups...)."""

SearchCondition = Callable[[str], ColumnElement[bool]]
"""Turns a user's search text into a WHERE condition on ``organisations``. The default scans
with ILIKE; a full-text index (PostgreSQL ``tsvector``, SQLite FTS5) plugs in here as
``Organisation.id.in_(<ids the index matches>)`` without touching the callers."""


def like_search(text: str) -> ColumnElement[bool]:
    """Each word must occur in the organisation's folded search text (name, Latin name, city,
    description, offers, needs): letter case and accents are ignored in every script."""
    return and_(
        true(),
        *(Organisation.search_text.contains(word, autoescape=True) for word in fold(text).split()),
    )


def today_utc() -> date:
    return datetime.now(UTC).date()


def is_current(today: date) -> ColumnElement[bool]:
    """A membership is current until its ``until`` date has passed (open-ended if null)."""
    return or_(Membership.until.is_(None), Membership.until > today)


# ---- plain results -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CursorPage(Generic[T]):
    """A slice of a list ordered by id; ``next_cursor`` is the last id, or None at the end."""

    items: tuple[T, ...]
    next_cursor: int | None


@dataclass(frozen=True, slots=True)
class Code:
    vocabulary: Vocabulary
    code: str


@dataclass(frozen=True, slots=True)
class ClusterRef:
    id: int
    name: str
    acronym: str | None
