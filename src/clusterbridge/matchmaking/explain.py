"""Why a partner was recommended, in sentences: the signal groups that pushed it up, with
the shared terms, industries, technologies and partners behind them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

from clusterbridge.core.errors import ClusterBridgeError
from clusterbridge.matchmaking.engine.history import SIGNAL_GROUPS as HISTORY_GROUPS
from clusterbridge.matchmaking.engine.profiles import Profile
from clusterbridge.matchmaking.engine.recommender import Recommendation
from clusterbridge.taxonomy.emerging import emerging_entries
from clusterbridge.taxonomy.industries import industry_label
from clusterbridge.taxonomy.technologies import technology_entries

GROUPS: dict[str, tuple[str, ...]] = {
    "shared terms": ("bm25",),
    "similar activities": ("semantic",),
    "industries": ("industry_overlap",),
    "technologies": ("technology_overlap",),
    "offer meets need": ("offer_meets_need",),
    "reciprocity": ("need_met_by_offer",),
    "complementary kinds": ("academia_industry", "startup_established", "kind_sought"),
    **HISTORY_GROUPS,
}
"""Every signal under the name users see; also the groups of the ablation study."""
KIND_NAMES = {
    "company": "a company",
    "startup": "a start-up",
    "university": "a university",
    "research_centre": "a research centre",
    "public_body": "a public body",
    "cluster_organisation": "a cluster organisation",
    "other": "an organisation",
}
SHOWN = 4


@dataclass(frozen=True)
class Reason:
    """One group of signals that favoured a recommendation."""

    group: str
    share: float
    """This group's part of everything that favoured the recommendation (0 to 1)."""
    text: str


@dataclass(frozen=True)
class Pair:
    """The asker, the recommended partner and how to name organisations."""

    asker: Profile
    partner: Profile
    name_of: Callable[[int], str]
    kinds_sought: frozenset[str] = frozenset()


def reasons(recommendation: Recommendation, pair: Pair) -> list[Reason]:
    """The groups that favoured ``recommendation``, strongest first, each with a sentence."""
    totals = _group_totals(recommendation.contributions, recommendation.values)
    favour = {group: value for group, value in totals.items() if value > 0}
    whole = sum(favour.values())
    shown: list[Reason] = []
    for group, value in sorted(favour.items(), key=lambda item: -item[1]):
        text = _sentence(group, recommendation, pair)
        if text:
            shown.append(Reason(group, value / whole, text))
        if len(shown) == SHOWN:
            break
    return shown


def _group_totals(
    contributions: Mapping[str, float], values: Mapping[str, float]
) -> dict[str, float]:
    """What each group added, counting only signals present for the pair: a signal at zero
    can lift a score relative to the average candidate, but it is no reason to name."""
    return {
        group: sum(contributions.get(n, 0.0) for n in names if values.get(n, 0.0) > 0)
        for group, names in GROUPS.items()
    }


def _sentence(group: str, rec: Recommendation, pair: Pair) -> str | None:
    value = rec.values
    match group:
        case "shared terms":
            return f"Shared terms: {', '.join(rec.shared_terms)}." if rec.shared_terms else None
        case "similar activities":
            return f"Similar activities (semantic similarity {value.get('semantic', 0):.2f})."
        case "industries":
            return _listed("Shared industries", [_industry(c) for c in rec.shared_industries])
        case "technologies":
            return _listed("Shared technologies", [_technology(c) for c in rec.shared_technologies])
        case "offer meets need":
            return "What they offer matches what you look for."
        case "reciprocity":
            return "What you offer matches what they need: the match works both ways."
        case "complementary kinds":
            return _kinds_sentence(pair)
        case "past partners":
            n = rec.past_projects
            return f"Worked with you on {n} project{'s' if n != 1 else ''}." if n else None
        case "graph proximity":
            names = [pair.name_of(key) for key in rec.shared_partners]
            return _listed("Shared partners", names)
        case "programme activity":
            return "Active in the same programmes and topics."
        case "kinds and countries":
            return (
                f"Organisations like yours often work with {KIND_NAMES[pair.partner.kind]}"
                f" from {pair.partner.country or 'this country'}."
            )
        case "activity trend":
            return "Recently active in collaborative projects."
    return None


def _kinds_sentence(pair: Pair) -> str | None:
    them, us = pair.partner.kind, pair.asker.kind
    if them in pair.kinds_sought:
        return f"{KIND_NAMES[them].capitalize()}, the kind of partner you seek."
    if {them, us} & {"university", "research_centre"} and {them, us} & {"company", "startup"}:
        return f"{KIND_NAMES[them].capitalize()} for {KIND_NAMES[us]}: academia meets industry."
    if "startup" in {them, us}:
        return f"{KIND_NAMES[them].capitalize()} for {KIND_NAMES[us]}: start-up meets firm."
    return None


def _listed(label: str, items: list[str]) -> str | None:
    return f"{label}: {'; '.join(items)}." if items else None


def _industry(code: str) -> str:
    try:
        return f"{code} {industry_label('NACE', code)}"
    except ClusterBridgeError:  # a code outside the list still names itself
        return code


def _technology(code: str) -> str:
    return _technology_labels().get(code, code)


@cache
def _technology_labels() -> dict[str, str]:
    return {entry.code: entry.label for entry in [*technology_entries(), *emerging_entries()]}
