"""What an author says about a post, and the checks that turn it into clean values.

Codes are read with the taxonomy's own parsers, so a post accepts what an organisation profile
or an import file accepts ('C29.10' -> '29.10', 'South Korea' -> 'KR', '3D printing' ->
'additive-manufacturing'); every problem is reported at once, each naming its field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from clusterbridge import taxonomy
from clusterbridge.core.errors import InvalidInput, Problem, UnknownCode
from clusterbridge.matchmaking.posts.models import PostFacet, PostType
from clusterbridge.registry.enums import OrganisationKind

MAX_TITLE = 200
MAX_DESCRIPTION = 10_000
MAX_MESSAGE = 2_000
MAX_CODES = 20
"""Codes per list: a post that targets everything targets nothing."""
LONGEST_OPEN = timedelta(days=731)
"""A post expires at most two years ahead; it can be reopened with a new date."""

FACET_FIELDS: dict[str, PostFacet] = {
    "industries": PostFacet.INDUSTRY,
    "technologies": PostFacet.TECHNOLOGY,
    "countries": PostFacet.COUNTRY,
    "kinds": PostFacet.KIND,
}
"""The input field of each list-valued facet."""


@dataclass(frozen=True)
class PostInput:
    """A new post. Lists hold codes as users type them; the checks make them canonical."""

    organisation_id: int
    post_type: PostType | str
    title: str
    description: str
    expires_on: date | None
    industries: Sequence[str] = ()
    technologies: Sequence[str] = ()
    countries: Sequence[str] = ()
    kinds: Sequence[str] = ()
    author_id: int | None = field(default=None)


EDITABLE = frozenset(
    {"post_type", "title", "description", "expires_on", "industries", "technologies"}
    | {"countries", "kinds"}
)
"""Fields an update may change (the organisation and author stay)."""


def check_post_values(values: Mapping[str, Any], today: date) -> dict[str, Any]:
    """The given fields of a post cleaned (lists as sorted tuples of canonical codes), or
    :class:`InvalidInput` listing every problem."""
    problems: list[Problem] = []
    clean: dict[str, Any] = {}
    if "post_type" in values:
        clean["post_type"] = _post_type(problems, values["post_type"])
    if "title" in values:
        clean["title"] = clean_text(problems, "title", values["title"], MAX_TITLE, True)
    if "description" in values:
        text = values["description"]
        clean["description"] = clean_text(problems, "description", text, MAX_DESCRIPTION, True)
    if "expires_on" in values:
        clean["expires_on"] = check_expiry(problems, values["expires_on"], today)
    for name in FACET_FIELDS:
        if name in values:
            clean[name] = _codes(problems, name, values[name] or ())
    raise_problems(problems)
    return clean


def clean_text(
    problems: list[Problem], name: str, value: Any, limit: int, required: bool = False
) -> str:
    """``value`` with surrounding spaces removed; a problem when required and empty, too
    long, or holding NUL characters (no database text can)."""
    text = (value if isinstance(value, str) else "").replace("\r\n", "\n").strip()
    if required and not text:
        problems.append(Problem("a value is required", column=name, value=""))
    elif len(text) > limit:
        problems.append(Problem(f"at most {limit} characters", column=name, value=text[:60]))
    elif "\x00" in text:
        problems.append(Problem("must not contain NUL characters", column=name))
    return text


def check_expiry(problems: list[Problem], value: Any, today: date) -> date | None:
    """The last open day: from today up to two years ahead."""
    if value is None or value == "":
        problems.append(Problem("a value is required", column="expires_on", value=""))
        return None
    day = as_date(value)
    if day is None:
        reason = "give a date like 2027-06-30"
        problems.append(Problem(reason, column="expires_on", value=str(value)[:40]))
        return None
    latest = today + LONGEST_OPEN
    if day < today:
        reason = "must be today or later (a post is open until this day)"
        problems.append(Problem(reason, column="expires_on", value=day.isoformat()))
    elif day > latest:
        reason = f"at most two years ahead (until {latest.isoformat()})"
        problems.append(Problem(reason, column="expires_on", value=day.isoformat()))
    return day


def as_date(value: Any) -> date | None:
    """A date from a date, a datetime or ISO text ('2027-06-30'); None when it is none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def raise_problems(problems: list[Problem]) -> None:
    if problems:
        raise InvalidInput(problems, summary="Not accepted")


def invalid(name: str | None, reason: str, value: str | None = None) -> InvalidInput:
    """A one-problem :class:`InvalidInput` (the reason says what to do)."""
    return InvalidInput([Problem(reason, column=name, value=value)], summary="Not accepted")


def _post_type(problems: list[Problem], value: Any) -> PostType | None:
    try:
        return PostType(str(getattr(value, "value", value)).strip().lower())
    except ValueError:
        allowed = ", ".join(t.value for t in PostType)
        problems.append(Problem(f"one of {allowed}", column="post_type", value=str(value)[:40]))
        return None


def _codes(problems: list[Problem], name: str, raw: Iterable[Any]) -> tuple[str, ...]:
    """Canonical codes of one list, deduplicated and sorted."""
    parse = _PARSERS[FACET_FIELDS[name]]
    found: set[str] = set()
    items = [raw] if isinstance(raw, str) else list(raw)
    for item in items:
        for part in str(item).split(";"):
            if not part.strip():
                continue
            try:
                found.add(parse(part.strip()))
            except (UnknownCode, ValueError) as error:
                problems.append(Problem(str(error), column=name, value=part.strip()[:60]))
    if len(found) > MAX_CODES:
        problems.append(Problem(f"at most {MAX_CODES} codes", column=name, value=str(len(found))))
    return tuple(sorted(found))


def nace_code(value: str) -> str:
    """A NACE code ('C29.10', '2910' -> '29.10'); NAICS codes are refused, so every post
    speaks the same industry language as the filters."""
    scheme, code = taxonomy.industry(value)
    if scheme != "NACE":
        raise ValueError(f"give a NACE code (such as 29.10), not the {scheme} code {value!r}")
    return code


def kind_code(value: str) -> str:
    """An organisation kind by its value or label ('research centre' -> 'research_centre')."""
    key = "_".join(value.strip().lower().replace("-", " ").split())
    for candidate in (key, key.replace("_", "")):  # 'start-up' -> 'startup'
        if candidate in _KINDS:
            return candidate
    allowed = ", ".join(_KINDS)
    raise ValueError(f"unknown organisation kind {value!r}; one of {allowed}")


_KINDS = tuple(kind.value for kind in OrganisationKind)


_PARSERS: dict[PostFacet, Callable[[str], str]] = {
    PostFacet.INDUSTRY: nace_code,
    PostFacet.TECHNOLOGY: taxonomy.technology,
    PostFacet.COUNTRY: taxonomy.country,
    PostFacet.KIND: kind_code,
}
