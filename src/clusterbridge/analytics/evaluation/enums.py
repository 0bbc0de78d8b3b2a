"""Closed lists of cluster evaluation, in the users' words; values are what YAML and files use."""

from __future__ import annotations

import enum


class ValueSource(enum.StrEnum):
    """Where an indicator's value comes from."""

    COMPUTED = "computed"
    """Computed from the registry (members, collaborations, management staff...)."""
    QUESTIONNAIRE = "questionnaire"
    """Collected from the cluster organisation by the yearly questionnaire."""


class Direction(enum.StrEnum):
    """Whether a higher or a lower value of an indicator is better."""

    HIGHER = "higher"
    LOWER = "lower"


class Unit(enum.StrEnum):
    """What an indicator's value counts; the unit decides which values are acceptable."""

    COUNT = "count"
    """A whole number, zero or more."""
    PERCENT = "percent"
    """A share from 0 to 100."""
    FTE = "fte"
    """Full-time equivalents of staff, zero or more."""
    EUROS = "euros"
    """An amount of money, zero or more."""
    YES_NO = "yes_no"
    """1 for yes, 0 for no."""
    NUMBER = "number"
    """Any number, zero or more (days, ratios...)."""


class QuestionnaireStatus(enum.StrEnum):
    """Where a cluster's yearly questionnaire stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"


class Trend(enum.StrEnum):
    """How a value moved since the previous year, judged by the indicator's direction."""

    IMPROVING = "improving"
    STABLE = "stable"
    WORSE = "worse"
