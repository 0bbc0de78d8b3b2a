"""Seeded organisation profiles at any scale (a million in about a minute), for the scale
benchmark and for tests whose right answer is known.

Texts are English sentences made of the demo themes' vocabulary (products, capabilities, needs,
technologies), industries are the themes' NACE codes, countries follow a rough EU + Korea spread,
and each organisation of a theme and country may belong to one of that pair's clusters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from random import Random

from clusterbridge.demo.names import brand, european_company, korean_company
from clusterbridge.demo.profile import Theme
from clusterbridge.demo.texts import listing, technology_words
from clusterbridge.demo.themes import THEMES
from clusterbridge.matchmaking.engine.profiles import Profile

COUNTRY_WEIGHTS: dict[str, float] = {
    "DE": 16, "KR": 12, "FR": 11, "IT": 11, "ES": 10, "NL": 5, "PL": 5, "BE": 3, "SE": 3,
    "AT": 3, "PT": 2.5, "CZ": 2.5, "RO": 2, "DK": 2, "FI": 2, "IE": 1.5, "HU": 1.5, "GR": 1.5,
    "SK": 1, "BG": 1, "HR": 0.7, "SI": 0.6, "LT": 0.6, "LV": 0.3, "EE": 0.3, "LU": 0.3,
    "CY": 0.2, "MT": 0.1,
}  # fmt: skip
"""Rough share of organisations per country (EU member states and Korea)."""
COUNTRY_NAMES: dict[str, str] = {
    "DE": "Germany", "KR": "Korea", "FR": "France", "IT": "Italy", "ES": "Spain",
    "NL": "the Netherlands", "PL": "Poland", "BE": "Belgium", "SE": "Sweden", "AT": "Austria",
    "PT": "Portugal", "CZ": "Czechia", "RO": "Romania", "DK": "Denmark", "FI": "Finland",
    "IE": "Ireland", "HU": "Hungary", "GR": "Greece", "SK": "Slovakia", "BG": "Bulgaria",
    "HR": "Croatia", "SI": "Slovenia", "LT": "Lithuania", "LV": "Latvia", "EE": "Estonia",
    "LU": "Luxembourg", "CY": "Cyprus", "MT": "Malta",
}  # fmt: skip
KIND_WEIGHTS: dict[str, float] = {
    "company": 64, "startup": 16, "university": 5, "research_centre": 6,
    "cluster_organisation": 2, "public_body": 3, "other": 4,
}  # fmt: skip
SIZE_WEIGHTS: dict[str, tuple[tuple[str | None, float], ...]] = {
    "company": (("micro", 40), ("small", 35), ("medium", 18), ("large", 7)),
    "startup": (("micro", 70), ("small", 28), ("medium", 2)),
    "university": (("large", 85), ("medium", 15)),
    "research_centre": (("medium", 50), ("large", 30), ("small", 20)),
}
CLUSTERS_PER_PAIR = 3
"""Clusters per (theme, country): 36 themes x 28 countries x 3 = 3,024 clusters."""

_THEME_KEYS = tuple(THEMES)
_COUNTRIES = tuple(COUNTRY_WEIGHTS)
_COUNTRY_CUMULATIVE = tuple(accumulate(COUNTRY_WEIGHTS.values()))
_KINDS = tuple(KIND_WEIGHTS)
_KIND_CUMULATIVE = tuple(accumulate(KIND_WEIGHTS.values()))


@dataclass(frozen=True)
class LabelledProfile:
    """A generated profile with the theme it was written from (the known right answer)."""

    theme: str
    profile: Profile


def cluster_id(theme: str, country: str, number: int) -> int:
    """The id of the ``number``-th cluster of ``theme`` in ``country`` (1-based ids)."""
    pair = _THEME_KEYS.index(theme) * len(_COUNTRIES) + _COUNTRIES.index(country)
    return 1 + pair * CLUSTERS_PER_PAIR + number


def generate_profiles(count: int, seed: int) -> Iterator[Profile]:
    """``count`` seeded profiles with keys 1..count."""
    for item in generate_labelled(count, seed):
        yield item.profile


def generate_labelled(count: int, seed: int) -> Iterator[LabelledProfile]:
    """Like :func:`generate_profiles`, with each profile's theme."""
    rng = Random(seed)
    for key in range(1, count + 1):
        theme = THEMES[rng.choice(_THEME_KEYS)]
        country = rng.choices(_COUNTRIES, cum_weights=_COUNTRY_CUMULATIVE)[0]
        kind = rng.choices(_KINDS, cum_weights=_KIND_CUMULATIVE)[0]
        yield LabelledProfile(theme.key, _profile(rng, key, theme, country, kind))


def _profile(rng: Random, key: int, theme: Theme, country: str, kind: str) -> Profile:
    sizes = SIZE_WEIGHTS.get(kind)
    size = rng.choices([s for s, _ in sizes], [w for _, w in sizes])[0] if sizes else None
    name = _name(rng, theme, country, kind)
    description, offers, needs = _texts(rng, theme, country, kind, name)
    codes = theme.nace_core[: 1 + rng.randrange(2)] + tuple(rng.sample(theme.nace_more, 1))
    technologies = rng.sample(
        theme.technologies, min(len(theme.technologies), 1 + rng.randrange(3))
    )
    return Profile(
        key=key,
        kind=kind,
        country=None if rng.random() < 0.003 else country,
        name=name,
        description=description,
        offers=offers,
        needs=needs,
        industries=frozenset(codes),
        technologies=frozenset(technologies),
        size=size,
        founding_year=_founding_year(rng, kind),
        clusters=_clusters(rng, theme, country, kind),
    )


def _founding_year(rng: Random, kind: str) -> int | None:
    if kind == "startup":
        return rng.randint(2012, 2025)
    return rng.randint(1950, 2020) if kind == "company" else None


def _name(rng: Random, theme: Theme, country: str, kind: str) -> str:
    startup = kind == "startup"
    if kind in ("company", "startup"):
        if country == "KR":
            return korean_company(rng, theme, startup).latin
        if country in ("DE", "FR", "IT", "NL", "PT", "PL", "SE", "FI", "AT", "BE", "ES"):
            return european_company(rng, theme, country, startup).name
        return f"{brand(rng)} {rng.choice(theme.words_en)}"
    place = COUNTRY_NAMES[country]
    return {
        "university": f"University of {brand(rng)} ({place})",
        "research_centre": f"{brand(rng)} {rng.choice(theme.words_en)} Research Institute",
        "cluster_organisation": f"{theme.label.capitalize()} Cluster {place}",
        "public_body": f"{brand(rng)} Regional Development Agency",
    }.get(kind, f"{brand(rng)} Chamber of Commerce")


def _clusters(rng: Random, theme: Theme, country: str, kind: str) -> frozenset[int]:
    """None for most, one for many, two or three for universities and research centres."""
    wanted = {"company": 0.45, "startup": 0.35, "cluster_organisation": 1.0}.get(kind, 0.7)
    if rng.random() >= wanted:
        return frozenset()
    found = {cluster_id(theme.key, country, rng.randrange(CLUSTERS_PER_PAIR))}
    if kind in ("university", "research_centre") and theme.related:
        found.add(cluster_id(rng.choice(theme.related), country, rng.randrange(CLUSTERS_PER_PAIR)))
    return frozenset(found)


def _texts(rng: Random, theme: Theme, country: str, kind: str, name: str) -> tuple[str, str, str]:
    p1, p2, p3 = rng.sample(theme.products, 3)
    c1, c2 = rng.sample(theme.capabilities, 2)
    n1, n2 = rng.sample(theme.needs, 2)
    t1, t2 = (technology_words(slug) for slug in rng.sample(theme.technologies, 2))
    place, sector = COUNTRY_NAMES[country], theme.sector
    short = name.split(" (")[0]
    if kind in ("company", "startup"):
        opening = (
            f"{short} is a start-up from {place} that develops {p1} using {t1}."
            if kind == "startup"
            else rng.choice(
                (
                    f"{short} designs and manufactures {p1} and {p2} for the {sector}.",
                    f"{short} supplies {p1}, {p2} and {p3} to customers in the {sector}.",
                    f"{short} specialises in {c1} and {c2} for the {sector}, with expertise"
                    f" in {t1}.",
                )
            )
        )
        offers = rng.choice((f"We offer {c1} and {c2}, as well as {p1}.", f"{p1}; {p2}; {c1}."))
        other = THEMES[rng.choice(theme.related)] if theme.related else theme
        needs = rng.choice(
            (
                f"Looking for {n1} and {n2}.",
                f"We are seeking {n1}, and partners for joint R&D on {t2}.",
                f"Looking for suppliers of {rng.choice(other.products)} and {n1}.",
            )
        )
        return f"{opening} Based in {place}.", _capital(offers), needs
    techs = listing([t1, t2])
    description = (
        f"{short} works on {techs} for the {sector} in {place}, with research on {p1} and {c1}."
    )
    offers = f"Applied research, testing and training in {techs}; {c2}."
    needs = f"Industrial partners for joint projects on {t1}; companies interested in {n1}."
    return description, offers, needs


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
