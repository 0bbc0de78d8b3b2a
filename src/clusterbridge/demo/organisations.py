"""Who is in the scenario: the fixed institutions, then companies and start-ups, most of them
created as members of one cluster (so their sector is the cluster's), the rest outside any
cluster. Roughly 40 % are Catalan or Spanish, 45 % Korean and 15 % from other EU countries."""

from __future__ import annotations

from collections.abc import Sequence
from random import Random

from clusterbridge.demo.clusters import catalan_themes
from clusterbridge.demo.institutions import (
    ACCIO,
    CHAMBERS,
    KICOX,
    PUBLIC_BODIES,
    RESEARCH_CENTRES,
    UNIVERSITIES,
    Institution,
)
from clusterbridge.demo.names import (
    OrgName,
    brand,
    catalan_company,
    european_company,
    korean_brand,
    korean_company,
)
from clusterbridge.demo.places import CATALONIA, CITIES, EU_CITIES, KOREA, REST_OF_SPAIN, City
from clusterbridge.demo.themes import KOREAN_THEMES, THEMES
from clusterbridge.demo.world import EXTERNAL_ID_PREFIX, Cluster, Org, World
from clusterbridge.registry.enums import OrganisationKind

SHARES = {"ES": 0.40, "KR": 0.45, "EU": 0.15}
"""Share of all organisations by origin; 'EU' stands for the other EU countries."""
STARTUP_SHARE = 0.10
MEMBER_SHARE = 0.82
"""Share of a cluster's intended size filled by companies created as its members."""
INVESTORS = 3
"""Investors (kind 'other') per origin."""
INVESTOR_INDUSTRY = "64.99"
"""NACE: other financial service activities (venture capital)."""


def add_institutions(world: World, rng: Random) -> None:
    """Agencies, public bodies, universities, research centres, chambers and investors."""
    for item in (ACCIO, KICOX, *PUBLIC_BODIES, *UNIVERSITIES, *RESEARCH_CENTRES, *CHAMBERS):
        world.institutions[item.key] = _institution(world, rng, item)
    for origin, cities in (("ES", CATALONIA[:1]), ("KR", KOREA[:1]), ("EU", EU_CITIES)):
        for _ in range(INVESTORS):
            _add_investor(world, rng, origin, rng.choice(cities))


def _institution(world: World, rng: Random, item: Institution) -> Org:
    kind = OrganisationKind(item.kind)
    short = item.latin or item.name
    name = OrgName(item.name, item.latin, short)
    themes = list(item.themes)
    if kind is OrganisationKind.UNIVERSITY and CITIES[item.city].country not in ("ES", "KR"):
        themes = rng.sample(list(THEMES), 3)
    org = world.add(rng, kind, name, CITIES[item.city], themes, f"{EXTERNAL_ID_PREFIX}{item.key}")
    org.founded = item.founded
    return org


def _add_investor(world: World, rng: Random, origin: str, city: City) -> None:
    if origin == "KR":
        brand_ko, brand_en = korean_brand(rng)
        latin = f"{brand_en} Investment"
        name = OrgName(f"{brand_ko}인베스트먼트", f"{latin} Co., Ltd.", latin)
    else:
        short = f"{brand(rng)} {'Ventures' if origin == 'ES' else 'Capital'}"
        name = OrgName(f"{short} {'SCR SA' if origin == 'ES' else 'Partners'}", "", short)
    org = world.add(rng, OrganisationKind.OTHER, name, city, [])
    org.founded = rng.randint(1995, 2020)
    org.industries = [INVESTOR_INDUSTRY]


def origin_counts(total: int, world: World) -> dict[str, int]:
    """Companies and start-ups still to create per origin, so the scenario ends with
    exactly ``total`` organisations in the intended shares."""
    have = {"ES": 0, "KR": 0, "EU": 0}
    for org in world.organisations:
        have[_origin(org.country)] += 1
    wanted = {"ES": round(total * SHARES["ES"]), "KR": round(total * SHARES["KR"])}
    wanted["EU"] = total - wanted["ES"] - wanted["KR"]
    counts = {origin: max(0, wanted[origin] - have[origin]) for origin in wanted}
    counts["EU"] += total - len(world.organisations) - sum(counts.values())
    return counts


def add_companies(world: World, rng: Random, total: int) -> None:
    """Companies and start-ups: first each cluster's members, then those outside clusters."""
    counts = origin_counts(total, world)
    startups = round(total * STARTUP_SHARE)
    for origin, count in counts.items():
        kinds = _kinds(rng, count, round(startups * count / max(1, sum(counts.values()))))
        clusters = [c for c in world.clusters if _origin(c.country) == origin]
        wanted = [round(c.target * MEMBER_SHARE) for c in clusters]
        fill = min(1.0, 0.85 * count / max(1, sum(wanted)))
        for cluster, size in zip(clusters, wanted, strict=True):
            for _ in range(min(len(kinds), max(1, round(size * fill)))):
                cluster.members.append(_company(world, rng, kinds.pop(), origin, cluster))
        while kinds:
            _company(world, rng, kinds.pop(), origin, None)


def _origin(country: str) -> str:
    return country if country in ("ES", "KR") else "EU"


def _kinds(rng: Random, count: int, startups: int) -> list[OrganisationKind]:
    kinds = [OrganisationKind.STARTUP] * min(startups, count)
    kinds += [OrganisationKind.COMPANY] * (count - len(kinds))
    rng.shuffle(kinds)
    return kinds


def _company(
    world: World, rng: Random, kind: OrganisationKind, origin: str, cluster: Cluster | None
) -> Org:
    theme_key = cluster.theme if cluster else _outside_theme(rng, origin)
    city = _city(rng, origin, theme_key, cluster)
    startup = kind is OrganisationKind.STARTUP
    theme = THEMES[theme_key]
    for _ in range(20):
        if origin == "KR":
            name = korean_company(rng, theme, startup)
        elif city.region == "ES-CT":
            name = catalan_company(rng, theme, city.area, startup)
        else:
            name = european_company(rng, theme, city.country, startup)
        if name.name not in world.names:
            break
    org = world.add(rng, kind, name, city, [theme_key])
    org.size, org.founded = _size_and_founding(rng, startup)
    return org


_SIZES = ("micro", "small", "medium", "large")
_FIRST_YEAR = {"micro": 1985, "small": 1970, "medium": 1960, "large": 1950}
_LAST_YEAR = {"micro": 2023, "small": 2021, "medium": 2015, "large": 2005}


def _size_and_founding(rng: Random, startup: bool) -> tuple[str, int]:
    """Start-ups are micro or small and young; companies are mostly SMEs of any age."""
    if startup:
        return rng.choices(_SIZES[:2], weights=(7, 3))[0], rng.randint(2016, 2025)
    size = rng.choices(_SIZES, weights=(30, 38, 24, 8))[0]
    return size, round(rng.triangular(_FIRST_YEAR[size], _LAST_YEAR[size], _LAST_YEAR[size]))


def _outside_theme(rng: Random, origin: str) -> str:
    if origin == "ES":
        return rng.choice(catalan_themes())
    if origin == "KR":
        return rng.choice(KOREAN_THEMES)
    return rng.choice(list(THEMES))


def _city(rng: Random, origin: str, theme_key: str, cluster: Cluster | None) -> City:
    if cluster and cluster.complex:
        return CITIES[rng.choice(cluster.complex.cities)]
    if origin == "ES":
        hubs = THEMES[theme_key].hubs
        if hubs and rng.random() < 0.6:
            return CITIES[rng.choice(hubs)]
        if cluster is None and rng.random() < 0.08:
            return _weighted(rng, REST_OF_SPAIN)
        return _weighted(rng, CATALONIA)
    return _weighted(rng, KOREA if origin == "KR" else EU_CITIES)


def _weighted(rng: Random, cities: Sequence[City]) -> City:
    return rng.choices(cities, weights=[c.weight for c in cities])[0]
