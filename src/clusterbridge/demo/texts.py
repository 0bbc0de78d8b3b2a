"""Descriptions, offers and needs: English sentences built from the vocabulary of each
organisation's themes, so that a text search for 'battery modules' finds battery makers and
the automotive companies that need them."""

from __future__ import annotations

from random import Random

from clusterbridge.demo.organisations import INVESTOR_INDUSTRY
from clusterbridge.demo.profile import Theme
from clusterbridge.demo.themes import THEMES
from clusterbridge.demo.world import Cluster, Org
from clusterbridge.registry.enums import OrganisationKind as Kind

_TECHNOLOGY_WORDS = {
    "internet-of-things": "the Internet of Things",
    "industrial-internet": "the industrial internet of things",
    "augmented-virtual-reality": "augmented and virtual reality",
    "micro-nanoelectronics": "micro- and nanoelectronics",
    "hydrogen-fuel-cells": "hydrogen and fuel cells",
    "robotics-automation": "robotics and automation",
    "advanced-connectivity": "5G and advanced connectivity",
    "security-connectivity": "security and connectivity",
    "mems": "MEMS",
    "carbon-capture": "carbon capture and utilisation",
    "heating-cooling": "heating, cooling and heat pumps",
    "recycling": "recycling and waste management",
    "earth-observation": "Earth observation",
    "big-data-analytics": "big data analytics",
    "drones": "drones",
    "simulation": "simulation and modelling",
}
_SIZE_WORDS = {"micro": "small", "small": "small", "medium": "medium-sized", "large": "large"}
_PARTNER_REGION = {"ES": "Korea", "KR": "Europe"}


def technology_words(slug: str) -> str:
    """How a sentence names a technology: 'battery-technology' -> 'battery technology'."""
    return _TECHNOLOGY_WORDS.get(slug, slug.replace("-", " "))


def listing(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def describe(org: Org, rng: Random, cluster: Cluster | None = None) -> None:
    """Fill ``org``'s description, offers and needs according to its kind."""
    writer = {
        Kind.COMPANY: _company,
        Kind.STARTUP: _company,
        Kind.UNIVERSITY: _university,
        Kind.RESEARCH_CENTRE: _research_centre,
        Kind.CLUSTER_ORGANISATION: _cluster_organisation,
    }.get(org.kind, _public_or_other)
    org.description, org.offers, org.needs = writer(org, rng, cluster)


def _words(org: Org, rng: Random) -> dict[str, str]:
    """The words templates use, drawn from the organisation's home theme."""
    theme = THEMES[org.themes[0]]
    products = rng.sample(theme.products, 3)
    capabilities = rng.sample(theme.capabilities, 2)
    needs = rng.sample(theme.needs, 2)
    technologies = [technology_words(t) for t in org.technologies or theme.technologies[:2]]
    technologies += [technology_words(t) for t in theme.technologies[:2]]
    return {
        "short": org.name.short,
        "city": org.city.name,
        "year": str(org.founded or ""),
        "size": _SIZE_WORDS.get(org.size, "small"),
        "sector": theme.sector,
        "p1": products[0],
        "p2": products[1],
        "p3": products[2],
        "c1": capabilities[0],
        "c2": capabilities[1],
        "n1": needs[0],
        "n2": needs[1],
        "t1": technologies[0],
        "t2": technologies[1] if technologies[1] != technologies[0] else technologies[2],
        "region": _PARTNER_REGION.get(org.country, "Korea and Catalonia"),
        "supply": _supply(theme, rng),
    }


def _supply(theme: Theme, rng: Random) -> str:
    """What a firm buys from a related sector (manufacturers) or whom it sells to."""
    other = THEMES[rng.choice(theme.related)] if theme.related else theme
    if theme.nace_core[0] < _FIRST_NON_MANUFACTURING:
        return f"suppliers of {rng.choice(other.products)}"
    return f"customers in the {other.sector}"


_FIRST_NON_MANUFACTURING = "34"
"""NACE divisions 10-33 are manufacturing."""


_COMPANY_OPENINGS = (
    "{short} is a {size} company based in {city} that designs and manufactures {p1} and {p2}"
    " for the {sector}.",
    "Founded in {year} in {city}, {short} supplies {p1} and {p2} to customers in the {sector}.",
    "{short} specialises in {c1} and {c2} for the {sector}, with in-house expertise in {t1}.",
    "Independent manufacturer of {p1}, {p2} and {p3}, based in {city}.",
    "{short} provides {c1} and {c2}; its engineering team works on {t1} and {t2}.",
)
_COMPANY_CLOSINGS = (
    " It exports to more than {exports} countries and is certified to ISO 9001.",
    " The company is investing in {t2} to raise productivity and cut emissions.",
    " It also supplies {p3}.",
    "",
)
_STARTUP_OPENINGS = (
    "{short} is a start-up founded in {year} in {city} that develops {p1} using {t1}.",
    "Start-up from {city} (founded {year}) bringing {t1} to the {sector} with {p1}.",
)
_STARTUP_CLOSINGS = (
    " It is piloting its solution with industrial partners in the {sector}.",
    " The team is preparing a seed round to scale up production.",
    " It works with a university spin-off programme on {t2}.",
)
_COMPANY_OFFERS = (
    "We offer {c1} and {c2}, as well as {p1}.",
    "Capacity for {c1}, {c2} and small-series production of {p1}.",
    "{p1} and {p2}; {c1}.",
)
_COMPANY_NEEDS = (
    "Looking for {n1} and {n2}.",
    "We are seeking {n1}, and partners for joint R&D projects on {t1}.",
    "Interested in {n1}; open to cooperation with companies from {region}.",
    "Looking for {supply} and {n1}.",
)


def _sentence(template: str, words: dict[str, str]) -> str:
    text = template.format(**words)
    return text[0].upper() + text[1:]


def _company(org: Org, rng: Random, _cluster: Cluster | None) -> tuple[str, str, str]:
    words = _words(org, rng)
    words["exports"] = str(rng.randint(5, 40))
    if org.kind is Kind.STARTUP:
        opening, closing = rng.choice(_STARTUP_OPENINGS), rng.choice(_STARTUP_CLOSINGS)
    else:
        opening, closing = rng.choice(_COMPANY_OPENINGS), rng.choice(_COMPANY_CLOSINGS)
    if len(org.themes) > 1 and not closing:
        closing = f" It also works for the {THEMES[org.themes[1]].sector}."
    description = _sentence(opening + closing, words)
    offers = _sentence(rng.choice(_COMPANY_OFFERS), words)
    return description, offers, _sentence(rng.choice(_COMPANY_NEEDS), words)


def _sectors(org: Org) -> str:
    return listing([f"the {THEMES[key].sector}" for key in org.themes[:3]])


def _university(org: Org, rng: Random, _cluster: Cluster | None) -> tuple[str, str, str]:
    words = _words(org, rng)
    techs = listing([technology_words(t) for t in org.technologies[:3]])
    description = (
        f"{org.name.short} is a university in {org.city.name}. Its research groups work"
        f" on {techs} and collaborate with companies in {_sectors(org)}."
    )
    offers = _sentence(
        "Contract research, doctoral talent, laboratory services and technology licensing"
        " in {t1} and {t2}.",
        words,
    )
    needs = _sentence(
        "Industrial partners for joint R&D projects and industrial doctorates on {t1};"
        " companies to host student internships.",
        words,
    )
    return description, offers, needs


_FUNDERS = {"ES": "Horizon Europe and RIS3CAT", "KR": "KEIT and KIAT programmes"}


def _research_centre(org: Org, rng: Random, _cluster: Cluster | None) -> tuple[str, str, str]:
    words = _words(org, rng)
    description = _sentence(
        "{short} is a research and technology centre in {city} that provides applied research,"
        " testing and technology transfer in {t1} and {t2}",
        words,
    )
    offers = _sentence("Applied R&D projects, {c1}, pilot lines and testing for {t1}.", words)
    needs = _sentence(
        "Companies for collaborative projects on {t1} and {t2}, co-funded by "
        + _FUNDERS.get(org.country, "Horizon Europe")
        + ".",
        words,
    )
    return f"{description} for {_sectors(org)}.", offers, needs


def _cluster_organisation(org: Org, rng: Random, cluster: Cluster | None) -> tuple[str, str, str]:
    words = _words(org, rng)
    place = f"the {cluster.complex.name}" if cluster and cluster.complex else "Catalonia"
    description = _sentence(
        "{short} is the cluster organisation of the {sector} in " + place + ": it brings"
        " together companies, start-ups, universities and research centres working on {p1},"
        " {p2} and {t1}.",
        words,
    )
    offers = _sentence(
        "Matchmaking between members, international missions, joint innovation projects and"
        " training on {t1} and {t2}.",
        words,
    )
    needs = _sentence(
        "Partner clusters in {region} for cooperation in the {sector}; members interested in {n1}.",
        words,
    )
    return description, offers, needs


_AGENCIES = {
    "accio": "the agency for business competitiveness of the Government of Catalonia; it runs"
    " the Catalonia Clusters programme and supports the innovation and internationalisation"
    " of Catalan companies",
    "kicox": "the public corporation that manages Korea's national industrial complexes and"
    " runs the mini-cluster programme, which brings companies, universities and research"
    " institutes of each complex together by sector",
    "kiat": "the Korean public agency that funds and promotes industrial technology,"
    " including international joint R&D with European partners",
    "tp-": "a regional technopark that offers technology support, testing equipment and"
    " business incubation to the SMEs of {city} and its province",
    "aj-": "the city council of {city}; its economic development office supports local"
    " industry, start-ups and business parks",
}


def _public_body(org: Org) -> str:
    key = org.external_id.split("-", 1)[1]
    role = next(
        (text for prefix, text in _AGENCIES.items() if key.startswith(prefix)),
        "a public body that supports the competitiveness, innovation and"
        " internationalisation of companies in {city} and its region",
    )
    return f"{org.name.short} is {role.format(city=org.city.name)}."


def _public_or_other(org: Org, rng: Random, _cluster: Cluster | None) -> tuple[str, str, str]:
    name, city = org.name.short, org.city.name
    if org.kind is Kind.PUBLIC_BODY:
        return (
            _public_body(org),
            "Funding programmes, cluster policy, business support services and international"
            " networks.",
            "Partner regions and agencies for cluster cooperation between Europe and Korea.",
        )
    if org.industries != [INVESTOR_INDUSTRY]:
        return (
            f"{name} represents and serves the business community of {city}: export support,"
            " training and business information.",
            "Export services, certificates of origin, training and business networks.",
            "",
        )
    sectors = listing([THEMES[key].sector for key in rng.sample(list(THEMES), 3)])
    return (
        f"{name} is an investment firm that backs technology start-ups and growing SMEs in the"
        f" {sectors}.",
        "Seed and Series A investment, mentoring and access to corporate networks.",
        "Start-ups with proven pilots and scalable business models.",
    )
