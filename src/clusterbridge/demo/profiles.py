"""What each organisation is and does: size, industries, technologies and emerging
industries drawn from its themes (the sectors of the clusters it belongs to), and the
identifiers a registry holds: web address, Spanish VAT number, Korean business number."""

from __future__ import annotations

from random import Random

from clusterbridge.demo.names import slugify
from clusterbridge.demo.themes import THEMES
from clusterbridge.demo.world import Org, World
from clusterbridge.registry.enums import OrganisationKind as Kind

MAX_INDUSTRIES = 3
MAX_TECHNOLOGIES = 4

_FIXED_INDUSTRIES = {
    Kind.UNIVERSITY: ["85.40", "72.10"],
    Kind.RESEARCH_CENTRE: ["72.10", "71.20"],
    Kind.PUBLIC_BODY: ["84.13"],
}
_LARGE_BODIES = ("accio", "kicox", "kiat", "aj-")


def classify(world: World, rng: Random) -> None:
    """Size, codes and themes of every organisation whose size or codes are not set yet."""
    clusters = {c.org: c for c in world.clusters}
    for org in world.organisations:
        if org.kind in (Kind.UNIVERSITY, Kind.RESEARCH_CENTRE) and not org.themes:
            org.themes = rng.sample(_themes_of_country(world, org.country), 2)
        if not org.size:
            org.size = _institution_size(org, rng)
        if org.kind is Kind.CLUSTER_ORGANISATION:
            org.founded = clusters[org].founded
        org.industries = org.industries or _industries(org, rng)
        org.technologies = _technologies(org, rng)
        org.emerging = _emerging(org, rng)


def _themes_of_country(world: World, country: str) -> list[str]:
    found = [c.theme for c in world.clusters if c.country == country]
    return list(dict.fromkeys(found)) or list(THEMES)


def _institution_size(org: Org, rng: Random) -> str:
    if org.kind is Kind.UNIVERSITY:
        return "large"
    if org.kind is Kind.RESEARCH_CENTRE:
        return rng.choice(("medium", "medium", "large"))
    if org.kind is Kind.CLUSTER_ORGANISATION:
        return rng.choice(("micro", "micro", "small"))
    if org.kind is Kind.PUBLIC_BODY:
        key = org.external_id.split("-", 1)[1]
        return "large" if key.startswith(_LARGE_BODIES) else "medium"
    return rng.choice(("micro", "small", "small", "medium"))


def _pick(rng: Random, items: tuple[str, ...] | list[str], count: int) -> list[str]:
    """Up to ``count`` distinct items, the earlier ones (the more typical) more likely."""
    pool = list(items)
    chosen: list[str] = []
    while pool and len(chosen) < count:
        item = rng.choices(pool, weights=range(len(pool) + 1, 1, -1))[0]
        chosen.append(item)
        pool.remove(item)
    return chosen


def _industries(org: Org, rng: Random) -> list[str]:
    if org.kind in _FIXED_INDUSTRIES:
        return list(_FIXED_INDUSTRIES[org.kind])
    if org.kind is Kind.OTHER:
        return ["94.11"]
    home = THEMES[org.themes[0]]
    if org.kind is Kind.CLUSTER_ORGANISATION:
        return ["94.11", home.nace_core[0]]
    codes = _pick(rng, home.nace_core, 1)
    if rng.random() < 0.45:
        codes += _pick(rng, home.nace, 1)
    for key in org.themes[1:]:
        if rng.random() < 0.5:
            codes += _pick(rng, THEMES[key].nace_core, 1)
    if org.kind is Kind.STARTUP and rng.random() < 0.35:
        codes.append("72.10")
    return list(dict.fromkeys(codes))[:MAX_INDUSTRIES]


def _technologies(org: Org, rng: Random) -> list[str]:
    if not org.themes:
        return []
    home = THEMES[org.themes[0]]
    if org.kind is Kind.CLUSTER_ORGANISATION:
        return list(home.technologies[:MAX_TECHNOLOGIES])
    if org.kind in (Kind.UNIVERSITY, Kind.RESEARCH_CENTRE):
        pool = [slug for key in org.themes for slug in THEMES[key].technologies[:3]]
        return _pick(rng, list(dict.fromkeys(pool)), rng.randint(3, MAX_TECHNOLOGIES))
    slugs = _pick(rng, home.technologies, rng.choice((1, 2, 2, 3, 3, 4)))
    for key in org.themes[1:]:
        if rng.random() < 0.5:
            slugs += _pick(rng, THEMES[key].technologies, 1)
    return list(dict.fromkeys(slugs))[:MAX_TECHNOLOGIES]


def _emerging(org: Org, rng: Random) -> list[str]:
    if not org.themes:
        return []
    home = THEMES[org.themes[0]].emerging
    if org.kind is Kind.CLUSTER_ORGANISATION:
        return list(home)
    found: list[str] = []
    if home and rng.random() < 0.75:
        found = list(home) if rng.random() < 0.3 else [home[0]]
    for key in org.themes[1:]:
        if THEMES[key].emerging and rng.random() < 0.3:
            found.append(THEMES[key].emerging[0])
    return list(dict.fromkeys(found))[:2]


def identify(world: World, rng: Random) -> None:
    """Web address for all (a cluster's is its acronym); VAT for Catalan firms and clusters;
    business number for Korean firms."""
    domains: set[str] = set()
    acronyms = {cluster.org: cluster.acronym for cluster in world.clusters}
    for org in world.organisations:
        base = _web_name(acronyms.get(org) or org.name.short)
        slug, number = base, 1
        while slug in domains:
            number += 1
            slug = f"{base}-{number}"
        domains.add(slug)
        org.website = f"https://{slug}.example"
        firm = org.kind in (Kind.COMPANY, Kind.STARTUP)
        if org.country == "ES" and (firm or org.kind is Kind.CLUSTER_ORGANISATION):
            org.vat = spanish_vat(rng, _legal_letter(org), _province(org))
        elif org.country == "KR" and firm:
            org.national_id = korean_business_number(rng)


def _web_name(name: str, limit: int = 50) -> str:
    """A web name of at most ``limit`` characters, cut between words."""
    words = slugify(name).split("-")
    while len("-".join(words)) > limit or words[-1] in _LINKING_WORDS:
        words.pop()
    return "-".join(words)


_LINKING_WORDS = {"and", "of", "the", "for", "de", "del", "d", "i", "la", "l", "les", "els"}


def _legal_letter(org: Org) -> str:
    """CIF letter: A for SA, F for cooperatives, G for associations, B otherwise."""
    name = org.name.name
    if org.kind is Kind.CLUSTER_ORGANISATION:
        return "G"
    return "A" if name.endswith(" SA") else "F" if name.endswith(" SCCL") else "B"


_PROVINCES = {"ES-MD": "28", "ES-PV": "48", "ES-VC": "46", "ES-AR": "50"}
_CATALAN_PROVINCES = {
    **dict.fromkeys(("Girona", "Figueres", "Olot", "Blanes"), "17"),
    **dict.fromkeys(("Lleida", "Mollerussa", "Balaguer"), "25"),
    **dict.fromkeys(("Tarragona", "Reus", "Valls", "Tortosa"), "43"),
}


def _province(org: Org) -> str:
    """The two-digit province code a CIF starts with (08 Barcelona by default)."""
    if org.city.region != "ES-CT":
        return _PROVINCES.get(org.city.region, "28")
    return _CATALAN_PROVINCES.get(org.city.name, "08")


def spanish_vat(rng: Random, letter: str, province: str) -> str:
    """An EU VAT number of a Spanish company, 'ES' + CIF with a correct control digit."""
    digits = province + f"{rng.randint(0, 99999):05d}"
    odd = sum(sum(divmod(2 * int(d), 10)) for d in digits[0::2])
    even = sum(int(d) for d in digits[1::2])
    control = (10 - (odd + even) % 10) % 10
    return f"ES{letter}{digits}{control}"


def korean_business_number(rng: Random) -> str:
    """A Korean business registration number of a corporation, 'NNN-8N-NNNNC', with the
    National Tax Service check digit."""
    office, kind = rng.randint(101, 899), rng.choice((81, 85, 86, 87, 88))
    serial = rng.randint(1, 9999)
    digits = f"{office}{kind}{serial:04d}"
    total = sum(w * int(d) for w, d in zip((1, 3, 7, 1, 3, 7, 1, 3, 5), digits, strict=True))
    total += (int(digits[8]) * 5) // 10
    check = (10 - total % 10) % 10
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}{check}"
