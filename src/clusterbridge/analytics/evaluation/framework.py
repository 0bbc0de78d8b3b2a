"""Indicator frameworks as data: areas, indicators, how each value is obtained, thresholds
per level and weights, read from YAML and checked whole.

A framework names its levels (lowest first, e.g. basic/good/excellent or bronze/silver/gold);
each indicator gives the threshold of each level, and ``score_levels`` the overall score
(0-100) each level needs. Problems come back as one :class:`InvalidInput` naming the file and
the field (``indicators[3].weight (indicator 'sme_share'): must be positive``).
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from clusterbridge.analytics.evaluation.computed import COMPUTATIONS
from clusterbridge.analytics.evaluation.enums import Direction, Unit, ValueSource
from clusterbridge.core.errors import InvalidInput, Problem

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]*$", max_length=60)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Weight = Annotated[float, Field(gt=0, allow_inf_nan=False)]
DEFAULT_KEY = "ecei-default"
MAX_YAML_CHARS = 500_000


class Area(BaseModel):
    """A group of indicators with its weight in the overall score."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Key
    name: Name
    weight: Weight = 1.0


class Indicator(BaseModel):
    """One indicator: what it measures, where its value comes from, and what each level needs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Key
    area: Key
    name: Name
    unit: Unit
    source: ValueSource
    description: str = ""
    compute: str | None = None
    """Name of a registered computation (computed indicators only)."""
    question: str | None = None
    """What the questionnaire asks (questionnaire indicators only)."""
    direction: Direction = Direction.HIGHER
    thresholds: dict[str, Annotated[float, Field(allow_inf_nan=False)]]
    weight: Weight = 1.0


class Framework(BaseModel):
    """A whole indicator framework; :func:`parse_framework` guarantees it is consistent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Key
    name: Name
    version: str = "1"
    description: str = ""
    levels: list[Key] = Field(default=["basic", "good", "excellent"], min_length=1)
    score_levels: dict[str, Annotated[float, Field(ge=0, le=100)]]
    areas: list[Area] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)

    def indicator(self, key: str) -> Indicator | None:
        """The indicator with this key, or None."""
        return next((i for i in self.indicators if i.key == key), None)

    def indicators_of(self, area: str) -> list[Indicator]:
        """The indicators of an area, in framework order."""
        return [i for i in self.indicators if i.area == area]

    def of_source(self, source: ValueSource) -> list[Indicator]:
        """The computed, or the questionnaire, indicators."""
        return [i for i in self.indicators if i.source is source]


def parse_framework(text: str, file: str) -> Framework:
    """A framework from YAML text; ``file`` names it in problems."""
    if len(text) > MAX_YAML_CHARS:
        raise InvalidInput([Problem("file is too large for a framework", file=file)])
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        reason = f"not valid YAML ({getattr(error, 'problem', None) or error})"
        raise InvalidInput([Problem(reason, file=file, row=row)]) from None
    if not isinstance(data, dict):
        raise InvalidInput([Problem("a framework is a YAML mapping (key: value)", file=file)])
    try:
        framework = Framework.model_validate(data)
    except ValidationError as error:
        problems = [_problem(data, item, file) for item in error.errors()]
        raise InvalidInput(problems) from None
    problems = [Problem(reason, file=file) for reason in consistency_problems(framework)]
    if problems:
        raise InvalidInput(problems)
    return framework


def load_framework_file(path: Path) -> Framework:
    """A framework from a YAML file."""
    if not path.is_file():
        raise InvalidInput([Problem("file not found", file=str(path))])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput([Problem(f"cannot read the file ({error})", file=path.name)]) from None
    return parse_framework(text, path.name)


@cache
def default_framework() -> Framework:
    """The framework shipped with ClusterBridge (``frameworks/default.yaml``)."""
    folder = resources.files("clusterbridge.analytics.evaluation") / "frameworks"
    return parse_framework((folder / "default.yaml").read_text(encoding="utf-8"), "default.yaml")


def _where(data: dict[str, Any], location: tuple[int | str, ...]) -> str:
    """``indicators[3].weight (indicator 'sme_share')`` from a pydantic error location."""
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    if len(location) >= 2 and location[0] in ("indicators", "areas"):
        items, index = data.get(str(location[0])), location[1]
        if isinstance(items, list) and isinstance(index, int) and index < len(items):
            key = items[index].get("key") if isinstance(items[index], dict) else None
            if key:
                path += f" ({str(location[0])[:-1]} {key!r})"
    return path or "framework"


def _reason(error: Any) -> str:
    kind, context = error["type"], error.get("ctx") or {}
    if kind == "greater_than":
        return "must be positive" if context.get("gt") == 0 else f"must exceed {context['gt']}"
    reasons = {
        "missing": "is required",
        "extra_forbidden": "is not a field of frameworks (check the spelling)",
        "string_pattern_mismatch": "use lower-case letters, digits, '_' and '-' only",
        "enum": f"must be one of {context.get('expected', '')}",
        "float_parsing": "must be a number",
        "finite_number": "must be a finite number",
    }
    return reasons.get(kind, str(error["msg"]).lower())


def _problem(data: dict[str, Any], error: Any, file: str) -> Problem:
    value = error.get("input")
    shown = None if isinstance(value, dict | list) or error["type"] == "missing" else str(value)
    return Problem(f"{_where(data, error['loc'])}: {_reason(error)}", file=file, value=shown)


def consistency_problems(framework: Framework) -> list[str]:
    """What pydantic cannot see: duplicate keys, unknown areas and computations, thresholds
    that do not match the levels or do not progress in the indicator's direction."""
    problems = _duplicates("areas", [a.key for a in framework.areas])
    problems += _duplicates("indicators", [i.key for i in framework.indicators])
    problems += _duplicates("levels", framework.levels)
    problems += [
        f"score_levels: {reason}"
        for reason in _level_problems(framework.levels, framework.score_levels, rising=True)
    ]
    areas = {a.key for a in framework.areas}
    for n, indicator in enumerate(framework.indicators):
        found = (
            [] if indicator.area in areas else [("area", f"unknown area; one of {sorted(areas)}")]
        )
        found += _source_problems(indicator)
        rising = indicator.direction is Direction.HIGHER
        found += [
            ("thresholds", reason)
            for reason in _level_problems(framework.levels, indicator.thresholds, rising)
            + _unit_problems(indicator)
        ]
        problems += [
            f"indicators[{n}].{field} (indicator {indicator.key!r}): {reason}"
            for field, reason in found
        ]
    used = {i.area for i in framework.indicators}
    problems += [
        f"areas[{n}] (area {a.key!r}): no indicator belongs to this area"
        for n, a in enumerate(framework.areas)
        if a.key not in used
    ]
    return problems


def _duplicates(field: str, keys: list[str]) -> list[str]:
    seen: set[str] = set()
    problems = []
    for n, key in enumerate(keys):
        if key in seen:
            problems.append(f"{field}[{n}]: {key!r} appears twice")
        seen.add(key)
    return problems


def _source_problems(indicator: Indicator) -> list[tuple[str, str]]:
    """(field, reason) pairs: computed indicators name a known computation, questionnaire
    ones a question."""
    if indicator.source is ValueSource.COMPUTED:
        if not indicator.compute:
            return [("compute", "is required for computed indicators")]
        if indicator.compute not in COMPUTATIONS:
            known = ", ".join(sorted(COMPUTATIONS))
            return [("compute", f"unknown computation {indicator.compute!r}; one of {known}")]
        return []
    problems = []
    if indicator.compute:
        problems.append(("compute", "only computed indicators name a computation"))
    if not indicator.question:
        problems.append(("question", "is required for questionnaire indicators"))
    return problems


def _level_problems(levels: list[str], thresholds: dict[str, float], rising: bool) -> list[str]:
    if set(thresholds) != set(levels):
        return [f"needs exactly one value per level: {', '.join(levels)}"]
    ordered = [thresholds[level] for level in levels]
    pairs = pairwise(ordered)
    if not all((a <= b) if rising else (a >= b) for a, b in pairs):
        way = "rise (or stay)" if rising else "fall (or stay)"
        return [f"values must {way} from {levels[0]} to {levels[-1]}"]
    return []


def _unit_problems(indicator: Indicator) -> list[str]:
    reasons = [value_problem(indicator.unit, v) for v in indicator.thresholds.values()]
    return [f"every threshold {reason}" for reason in reasons if reason][:1]


def value_problem(unit: Unit, value: float) -> str | None:
    """Why ``value`` cannot be a value of ``unit``, or None when it can."""
    if not math.isfinite(value):
        return "must be a finite number"
    if value < 0:
        return "must not be negative"
    if unit is Unit.PERCENT and value > 100:
        return "is a percentage: 0 to 100"
    if unit is Unit.YES_NO and value not in (0, 1):
        return "is yes/no: 1 for yes, 0 for no"
    if unit is Unit.COUNT and value != int(value):
        return "is a count: a whole number"
    return None
