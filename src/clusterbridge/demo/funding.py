"""Funding programmes of the collaboration history: which exist in which year and for whom,
their budgets and funding rates, the parts a project is filed under, and project titles."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from clusterbridge.demo.names import brand
from clusterbridge.demo.profile import Theme
from clusterbridge.demo.themes import THEMES


@dataclass(frozen=True)
class Programme:
    """A funding programme: active years, budget range (euros) and funding rate range."""

    name: str
    first: int
    last: int
    budget: tuple[int, int]
    rate: tuple[float, float]
    eu: bool = False

    def parts(self, theme: Theme, year: int) -> list[str]:
        """The programme parts a project of ``theme`` started in ``year`` is filed under."""
        if self.name == "Horizon Europe":
            return [theme.parts[0]]
        if self.name == "Horizon 2020":
            return [theme.parts[1]]
        if self.name == "Eurostars":
            return ["Eurostars-2" if year <= 2020 else "Eurostars-3"]
        return list(_PARTS.get(self.name, ()))


_PARTS = {
    "RIS3CAT": ("Comunitats RIS3CAT",),
    "ACCIÓ Nuclis R+D": ("Nuclis R+D",),
    "KIAT International": ("Korea-EU joint call", "International cooperation"),
    "KICOX Mini-cluster R&D": ("Mini-cluster R&D",),
    "KEIT Industrial Technology Innovation": ("Industrial Technology Innovation",),
    "Regional Innovation Cluster R&D": ("Regional Innovation",),
}

HORIZON_2020 = Programme("Horizon 2020", 2014, 2020, (1_500_000, 10_000_000), (0.7, 1.0), True)
HORIZON_EUROPE = Programme("Horizon Europe", 2021, 2025, (2_000_000, 12_000_000), (0.7, 1.0), True)
EUROSTARS = Programme("Eurostars", 2014, 2025, (400_000, 2_000_000), (0.5, 0.65), True)
KIAT = Programme("KIAT International", 2014, 2025, (300_000, 2_000_000), (0.5, 0.75))

CATALAN = (
    Programme("RIS3CAT", 2015, 2022, (500_000, 3_500_000), (0.4, 0.6)),
    Programme("ACCIÓ Nuclis R+D", 2014, 2025, (200_000, 1_200_000), (0.3, 0.5)),
)
KOREAN = (
    Programme("KICOX Mini-cluster R&D", 2014, 2025, (100_000, 800_000), (0.5, 0.75)),
    Programme(
        "KEIT Industrial Technology Innovation", 2014, 2025, (500_000, 4_000_000), (0.5, 0.75)
    ),
    Programme("Regional Innovation Cluster R&D", 2014, 2025, (200_000, 1_500_000), (0.5, 0.75)),
)
KOREA_IN_EUROSTARS = 2019
"""First year Korean companies could join Eurostars projects."""


def horizon(year: int) -> Programme:
    """The EU framework programme of ``year``."""
    return HORIZON_2020 if year <= HORIZON_2020.last else HORIZON_EUROPE


def domestic(rng: Random, country: str, year: int) -> Programme:
    """A regional or national programme of ``country`` open in ``year``."""
    options = [p for p in (CATALAN if country == "ES" else KOREAN) if p.first <= year <= p.last]
    return rng.choice(options)


def cross_border(rng: Random, year: int) -> Programme:
    """A programme that funds joint EU-Korea projects in ``year``."""
    options = [KIAT, horizon(year)]
    if year >= KOREA_IN_EUROSTARS:
        options.append(EUROSTARS)
    return rng.choice(options)


def budget_cents(rng: Random, programme: Programme) -> tuple[int, int]:
    """(total cost, funding) in cents, rounded to hundreds and whole euros."""
    low, high = programme.budget
    total = rng.randint(low // 100, high // 100) * 100 * 100
    funding = round(total * rng.uniform(*programme.rate) / 100) * 100
    return total, funding


_QUALIFIERS = (
    "Smart",
    "Low-carbon",
    "Next-generation",
    "Circular",
    "AI-driven",
    "Lightweight",
    "Modular",
    "Resilient",
    "Digital",
    "Affordable",
)


def project_title(rng: Random, theme: Theme) -> str:
    """A project title from the theme's vocabulary, e.g. 'NEXORA: Smart battery modules for
    the automotive industry'."""
    acronym = brand(rng).upper()
    market = THEMES[rng.choice(theme.related)] if theme.related else theme
    if rng.random() < 0.6:
        product = rng.choice(theme.products)
        return f"{acronym}: {rng.choice(_QUALIFIERS)} {product} for the {market.sector}"
    capability = rng.choice(theme.capabilities)
    return f"{acronym}: {capability[0].upper()}{capability[1:]} for the {market.sector}"
