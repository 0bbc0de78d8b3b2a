"""Indicators computed from the registry, as of 31 December of the year.

Each computation is one small function registered under a name that frameworks refer to
(``compute: committed_members``). It takes a :class:`Scope` (the clusters, the year, and the
registry facts they need, loaded once for all clusters in a few queries) and returns a value
per cluster; a cluster left out has no value (say, no member with a known size). A
computation from another source (events, meetings) is one more decorated function that runs
its own single query over ``scope.cluster_ids`` and ``scope.year``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from clusterbridge.registry.enums import MembershipRole, OrganisationKind, SizeClass
from clusterbridge.registry.models import (
    Cluster,
    Collaboration,
    Membership,
    Organisation,
    Participation,
)

Values = dict[int, float]
"""Indicator value per cluster id."""
Computation = Callable[["Scope"], Values]

COMPUTATIONS: dict[str, Computation] = {}
"""Every registered computation by the name frameworks use."""

KIND_GROUPS: dict[OrganisationKind, str] = {
    OrganisationKind.COMPANY: "industry",
    OrganisationKind.STARTUP: "industry",
    OrganisationKind.UNIVERSITY: "academia",
    OrganisationKind.RESEARCH_CENTRE: "academia",
    OrganisationKind.PUBLIC_BODY: "public",
}
"""The three helices members are counted in; other kinds belong to none."""
SMALL_AND_MEDIUM = frozenset({SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM})
NOT_COMMITTED = frozenset({MembershipRole.PARTNER})
"""Roles of outside partners, who take part without being committed members."""


def computation(name: str) -> Callable[[Computation], Computation]:
    """Register a computation under ``name`` (the value of ``compute:`` in a framework)."""

    def register(function: Computation) -> Computation:
        COMPUTATIONS[name] = function
        return function

    return register


@dataclass(frozen=True, slots=True)
class Member:
    """A member organisation of a cluster on the day of the scope."""

    organisation_id: int
    kind: OrganisationKind
    size: SizeClass | None
    country: str | None
    role: MembershipRole


@dataclass(frozen=True, slots=True)
class ClusterFacts:
    """What the computations need of a cluster itself."""

    id: int
    country: str | None
    management_fte: Decimal | None


class Scope:
    """The clusters and the year to compute for; registry facts are loaded on first use, in
    one query each for all the clusters."""

    def __init__(self, session: Session, year: int, where: ColumnElement[bool]) -> None:
        self.session = session
        self.year = year
        self.day = date(year, 12, 31)
        self._where = where

    @classmethod
    def of_programme(cls, session: Session, year: int, programme_id: int | None) -> Scope:
        """The clusters of a programme (``None``: the clusters in no programme)."""
        if programme_id is None:
            return cls(session, year, Cluster.programme_id.is_(None))
        return cls(session, year, Cluster.programme_id == programme_id)

    @classmethod
    def of_clusters(cls, session: Session, year: int, cluster_ids: list[int]) -> Scope:
        """The clusters with the given ids."""
        return cls(session, year, Cluster.id.in_(cluster_ids))

    @cached_property
    def clusters(self) -> dict[int, ClusterFacts]:
        """Each cluster of the scope with its organisation's country and management staff."""
        query = (
            select(Cluster.id, Organisation.country, Cluster.management_fte)
            .join(Cluster.organisation)
            .where(self._where)
        )
        return {row.id: ClusterFacts(*row) for row in self.session.execute(query)}

    @property
    def cluster_ids(self) -> list[int]:
        """The ids of the scope's clusters, for computations that run their own query."""
        return sorted(self.clusters)

    @cached_property
    def members(self) -> dict[int, list[Member]]:
        """Members per cluster: memberships current on 31 December (``since`` on or before
        it, ``until`` after it or open)."""
        query = (
            select(
                Membership.cluster_id,
                Organisation.id,
                Organisation.kind,
                Organisation.size_class,
                Organisation.country,
                Membership.role,
            )
            .join(Membership.organisation)
            .join(Cluster, Cluster.id == Membership.cluster_id)
            .where(self._where, Membership.since <= self.day)
            .where(or_(Membership.until.is_(None), Membership.until > self.day))
            .order_by(Membership.cluster_id, Organisation.id)
        )
        found: dict[int, dict[int, Member]] = defaultdict(dict)
        for cluster_id, org_id, kind, size, country, role in self.session.execute(query):
            found[cluster_id][org_id] = Member(org_id, kind, size, country, role)
        return {cluster_id: list(found[cluster_id].values()) for cluster_id in self.clusters}

    @cached_property
    def collaborations(self) -> dict[int, dict[int, int]]:
        """Per cluster, the collaborations of the year that current members take part in,
        with the number of those members in each."""
        clusters_of: dict[int, list[int]] = defaultdict(list)
        for cluster_id, members in self.members.items():
            for member in members:
                clusters_of[member.organisation_id].append(cluster_id)
        member_ids = (
            select(Membership.organisation_id)
            .join(Cluster, Cluster.id == Membership.cluster_id)
            .where(self._where, Membership.since <= self.day)
            .where(or_(Membership.until.is_(None), Membership.until > self.day))
        )
        query = (
            select(Participation.collaboration_id, Participation.organisation_id)
            .join(Participation.collaboration)
            .where(Collaboration.year == self.year)
            .where(Participation.organisation_id.in_(member_ids))
        )
        found: dict[int, dict[int, int]] = {cluster_id: {} for cluster_id in self.clusters}
        for collaboration_id, organisation_id in self.session.execute(query):
            for cluster_id in clusters_of.get(organisation_id, ()):
                taking_part = found[cluster_id]
                taking_part[collaboration_id] = taking_part.get(collaboration_id, 0) + 1
        return found


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100.0 * part / whole


def _per_cluster(scope: Scope, value: Callable[[list[Member]], float | None]) -> Values:
    values = {cluster_id: value(members) for cluster_id, members in scope.members.items()}
    return {cluster_id: v for cluster_id, v in values.items() if v is not None}


@computation("committed_members")
def committed_members(scope: Scope) -> Values:
    """Member organisations on 31 December, outside partners not counted."""
    return _per_cluster(scope, lambda ms: sum(1 for m in ms if m.role not in NOT_COMMITTED))


def _helices(members: list[Member]) -> set[str]:
    return {KIND_GROUPS[m.kind] for m in members if m.kind in KIND_GROUPS}


@computation("member_kinds")
def member_kinds(scope: Scope) -> Values:
    """How many of industry (companies, start-ups), academia (universities, research centres)
    and public bodies are among the members: 0 to 3."""
    return _per_cluster(scope, lambda ms: len(_helices(ms)))


@computation("triple_helix")
def triple_helix(scope: Scope) -> Values:
    """1 when industry, academia and public bodies are all among the members, else 0."""
    return _per_cluster(scope, lambda ms: 1.0 if len(_helices(ms)) == 3 else 0.0)


@computation("sme_share")
def sme_share(scope: Scope) -> Values:
    """Percentage of micro, small and medium organisations among members with a known size."""

    def share(members: list[Member]) -> float | None:
        sized = [m for m in members if m.size is not None]
        return _share(sum(1 for m in sized if m.size in SMALL_AND_MEDIUM), len(sized))

    return _per_cluster(scope, share)


@computation("startup_share")
def startup_share(scope: Scope) -> Values:
    """Percentage of start-ups among the members."""
    return _per_cluster(
        scope, lambda ms: _share(sum(1 for m in ms if m.kind is OrganisationKind.STARTUP), len(ms))
    )


@computation("international_share")
def international_share(scope: Scope) -> Values:
    """Percentage of members (with a known country) based outside the cluster
    organisation's country."""
    values: Values = {}
    for cluster_id, members in scope.members.items():
        home = scope.clusters[cluster_id].country
        located = [m for m in members if m.country]
        share = _share(sum(1 for m in located if m.country != home), len(located))
        if home and share is not None:
            values[cluster_id] = share
    return values


@computation("management_fte")
def management_fte(scope: Scope) -> Values:
    """Full-time equivalents of the cluster management team, as the cluster profile gives it."""
    return {
        cluster_id: float(facts.management_fte)
        for cluster_id, facts in scope.clusters.items()
        if facts.management_fte is not None
    }


@computation("new_collaborations")
def new_collaborations(scope: Scope) -> Values:
    """Collaborations (projects, agreements, meetings) of the year with a member taking part."""
    return {cluster_id: float(len(found)) for cluster_id, found in scope.collaborations.items()}


@computation("intra_cluster_collaborations")
def intra_cluster_collaborations(scope: Scope) -> Values:
    """Collaborations of the year with at least two members of the same cluster."""
    return {
        cluster_id: float(sum(1 for count in found.values() if count >= 2))
        for cluster_id, found in scope.collaborations.items()
    }


# Computations from other features register themselves on import.
from clusterbridge.analytics.evaluation import computed_events  # noqa: E402, F401
