"""Every theme of the demo, by key, and the relations between them."""

from __future__ import annotations

from clusterbridge.demo.profile import Theme
from clusterbridge.demo.themes_industry import INDUSTRY_THEMES
from clusterbridge.demo.themes_mobility import MOBILITY_THEMES
from clusterbridge.demo.themes_services import SERVICE_THEMES

THEMES: dict[str, Theme] = {
    item.key: item for item in (*MOBILITY_THEMES, *INDUSTRY_THEMES, *SERVICE_THEMES)
}

KOREAN_THEMES: tuple[str, ...] = tuple(key for key, item in THEMES.items() if item.korean)
"""Themes that Korean mini-clusters and companies work in (those with a Korean profile)."""


def related(key: str, within: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The themes related to ``key`` (optionally only those in ``within``), nearest first."""
    found = THEMES[key].related
    return found if within is None else tuple(k for k in found if k in within)


def technology_slugs() -> list[str]:
    """Every technology slug any theme uses, in first-use order (to check against the taxonomy)."""
    return list(dict.fromkeys(slug for item in THEMES.values() for slug in item.technologies))
