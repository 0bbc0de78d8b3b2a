"""Signals of one asker against its candidates read from the two profiles alone: taxonomy
overlap, an offer meeting a need (both ways: reciprocity) and complementary kinds."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from clusterbridge.matchmaking.engine.profiles import Profile

ACADEMIC = frozenset({"university", "research_centre"})
BUSINESS = frozenset({"company", "startup"})
ESTABLISHED_SIZES = frozenset({"medium", "large"})

PAIR_SIGNALS: tuple[str, ...] = (
    "industry_overlap",
    "technology_overlap",
    "offer_meets_need",
    "need_met_by_offer",
    "academia_industry",
    "startup_established",
    "kind_sought",
)
"""Names :func:`pair_signals` returns, in this order."""

Terms = Callable[[str], Sequence[str]]


@dataclass(frozen=True)
class Asker:
    """Who asks: their profile, what they look for in text, and the kinds they seek."""

    profile: Profile
    need: str
    """The text to match against candidates' offers: the post, the free text or the needs."""
    offer: str
    """What the asker offers, matched against candidates' needs (reciprocity)."""
    industries: frozenset[str]
    technologies: frozenset[str]
    kinds_sought: frozenset[str] = frozenset()


class TermSets:
    """Term sets of texts and profiles with their weight, computed once per profile: the
    offer and need signals compare hundreds of candidates per query."""

    def __init__(self, terms: Terms, idf: Mapping[str, float]) -> None:
        self.terms = terms
        self.idf = idf
        self._profiles: dict[int, tuple[Weighted, Weighted]] = {}

    def of(self, text: str) -> Weighted:
        found = frozenset(self.terms(text))
        return found, _weight(found, self.idf)

    def offer_and_need(self, profile: Profile) -> tuple[Weighted, Weighted]:
        """What the profile offers (its description when it states no offer) and needs."""
        cached = self._profiles.get(profile.key)
        if cached is None:
            cached = (self.of(profile.offers or profile.description), self.of(profile.needs))
            self._profiles[profile.key] = cached
        return cached

    def cosine(self, a: Weighted, b: Weighted) -> float:
        """Cosine of two term sets weighted by inverse document frequency."""
        common = a[0] & b[0]
        if not common or not a[1] or not b[1]:
            return 0.0
        return _weight(common, self.idf) / math.sqrt(a[1] * b[1])


Weighted = tuple[frozenset[str], float]


def pair_signals(
    asker: Asker, candidates: Sequence[Profile], sets: TermSets
) -> dict[str, np.ndarray]:
    """One value per candidate for each of :data:`PAIR_SIGNALS`, each in [0, 1]."""
    need, offer = sets.of(asker.need), sets.of(asker.offer)
    columns: dict[str, list[float]] = {name: [] for name in PAIR_SIGNALS}
    for candidate in candidates:
        their_offer, their_need = sets.offer_and_need(candidate)
        values = (
            industry_overlap(asker.industries, candidate.industries),
            jaccard(asker.technologies, candidate.technologies),
            sets.cosine(need, their_offer),
            sets.cosine(offer, their_need),
            float(_complementary(asker.profile.kind, candidate.kind, ACADEMIC, BUSINESS)),
            float(_startup_meets_established(asker.profile, candidate)),
            float(candidate.kind in asker.kinds_sought),
        )
        for name, value in zip(PAIR_SIGNALS, values, strict=True):
            columns[name].append(value)
    return {name: np.asarray(values, dtype=np.float64) for name, values in columns.items()}


def industry_overlap(ours: frozenset[str], theirs: frozenset[str]) -> float:
    """How close two sets of NACE codes are: for each of ours, the best of theirs (1 for the
    same class, 0.75 the same group, 0.5 the same division), averaged."""
    if not ours or not theirs:
        return 0.0
    return sum(max(nace_closeness(a, b) for b in theirs) for a in ours) / len(ours)


def nace_closeness(a: str, b: str) -> float:
    """1, 0.75, 0.5 or 0 as two NACE codes ("29.10", "29.1", "29") share a class, group,
    division or nothing."""
    a, b = a.replace(".", ""), b.replace(".", "")
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    if common >= 4 and len(a) == len(b):
        return 1.0
    return {3: 0.75, 4: 0.75, 2: 0.5}.get(common, 0.0)


def shared_industries(ours: frozenset[str], theirs: frozenset[str]) -> list[str]:
    """Their codes that share at least a NACE division with one of ours, closest first."""
    scored = [(max((nace_closeness(a, b) for a in ours), default=0.0), b) for b in theirs]
    return [code for score, code in sorted(scored, key=lambda p: (-p[0], p[1])) if score >= 0.5]


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _weight(terms: frozenset[str], idf: Mapping[str, float]) -> float:
    return sum(idf.get(t, 0.0) ** 2 for t in terms)


def shared_terms(a: str, b: str, terms: Terms, idf: Mapping[str, float], limit: int) -> list[str]:
    """The rarest terms two texts share: the words an explanation can quote."""
    common = set(terms(a)) & set(terms(b))
    return sorted(common, key=lambda t: (-idf.get(t, 0.0), t))[:limit]


def _complementary(a: str, b: str, one: frozenset[str], other: frozenset[str]) -> bool:
    return (a in one and b in other) or (a in other and b in one)


def _startup_meets_established(a: Profile, b: Profile) -> bool:
    """A start-up and an established company (medium or large), either way round."""

    def established(p: Profile) -> bool:
        return p.kind == "company" and p.size in ESTABLISHED_SIZES

    return (a.kind == "startup" and established(b)) or (b.kind == "startup" and established(a))
