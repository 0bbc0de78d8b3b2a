"""Who belongs to which cluster, since when, in what role: each cluster's own members,
universities and research centres in several clusters, companies in a second related
cluster, and a history of memberships that ended (some later renewed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from clusterbridge.demo.institutions import TECHNOPARKS
from clusterbridge.demo.themes import related
from clusterbridge.demo.world import (
    EXTERNAL_ID_PREFIX,
    Cluster,
    Membership,
    Org,
    World,
    random_date,
)
from clusterbridge.registry.enums import MembershipRole, OrganisationKind

LAST_JOIN = date(2025, 10, 31)
SECOND_CLUSTER = 0.19
"""Chance that a cluster's own member company also joins a related cluster."""
THIRD_CLUSTER = 0.15
"""Chance that such a company joins yet another one."""
# Most members a cluster takes in from other clusters' companies.
CATALAN_CAP = 200
KOREAN_CAP = 60
ENDED = 0.14
"""Share of memberships that ended; about a third of those were renewed later."""
RENEWED = 0.35


@dataclass(frozen=True)
class _Pools:
    """Organisations that join many clusters, looked up once."""

    centres: list[Org]
    universities: list[Org]
    councils: list[Org]
    foreign: dict[str, list[Org]]

    @classmethod
    def of(cls, world: World) -> _Pools:
        foreign: dict[str, list[Org]] = {}
        for org in world.of_kind(OrganisationKind.COMPANY, OrganisationKind.RESEARCH_CENTRE):
            if org.country not in ("ES", "KR"):
                foreign.setdefault(org.themes[0], []).append(org)
        return cls(
            centres=world.of_kind(OrganisationKind.RESEARCH_CENTRE),
            universities=world.of_kind(OrganisationKind.UNIVERSITY),
            councils=[o for o in world.organisations if o.external_id.startswith(_COUNCIL)],
            foreign=foreign,
        )


_COUNCIL = f"{EXTERNAL_ID_PREFIX}aj-"


def add_memberships(world: World, rng: Random) -> None:
    """All memberships of ``world``'s clusters, history included."""
    joined: set[tuple[Org, Cluster]] = set()
    pools = _Pools.of(world)
    for cluster in world.clusters:
        _own_members(world, rng, cluster, joined)
        _academics(world, rng, cluster, joined, pools)
        _public_bodies(world, rng, cluster, joined, pools)
    _more_clusters(world, rng, joined)
    _history(world, rng)


def _join(
    world: World,
    rng: Random,
    joined: set[tuple[Org, Cluster]],
    org: Org,
    cluster: Cluster,
    role: MembershipRole = MembershipRole.MEMBER,
) -> None:
    key = (org, cluster)
    if key in joined or org is cluster.org:
        return
    joined.add(key)
    first = date(max(cluster.founded, org.founded or cluster.founded), 1, 1)
    since = random_date(rng, first + timedelta(days=rng.randint(0, 240)), LAST_JOIN)
    if role is MembershipRole.FOUNDING_MEMBER:
        since = founding_day(cluster)
    world.memberships.append(Membership(org, cluster, role, since))
    if org not in cluster.members:
        cluster.members.append(org)


def founding_day(cluster: Cluster) -> date:
    """The day a cluster was set up (derived from its founding year and acronym)."""
    return date(cluster.founded, 1, 1) + timedelta(days=sum(map(ord, cluster.acronym)) % 300)


def _own_members(
    world: World, rng: Random, cluster: Cluster, joined: set[tuple[Org, Cluster]]
) -> None:
    """The companies created for the cluster: a few founders, a board, the rest members."""
    own = list(cluster.members)
    cluster.members.clear()
    korean = cluster.complex is not None
    old = [o for o in own if o.founded is not None and o.founded <= cluster.founded]
    founders = set(
        rng.sample(old, min(len(old), rng.randint(3, 6) if korean else rng.randint(5, 12)))
    )
    larger = [o for o in own if o.size in ("medium", "large") and o not in founders]
    board = set(
        rng.sample(larger, min(len(larger), rng.randint(2, 4) if korean else rng.randint(4, 8)))
    )
    for org in own:
        role = MembershipRole.MEMBER
        if org in founders:
            role = MembershipRole.FOUNDING_MEMBER
        elif org in board:
            role = MembershipRole.BOARD_MEMBER
        _join(world, rng, joined, org, cluster, role)


def _academics(
    world: World, rng: Random, cluster: Cluster, joined: set[tuple[Org, Cluster]], pools: _Pools
) -> None:
    """Research centres of the cluster's sector and a few universities of its country."""
    country = cluster.country
    centres = [o for o in pools.centres if o.country == country and cluster.theme in o.themes]
    universities = [o for o in pools.universities if o.country == country]
    if cluster.complex:
        centres = [o for o in centres if rng.random() < 0.6]
        near = [o for o in universities if o.city.region == cluster.complex.region]
        universities = rng.sample(near or universities, 1) if rng.random() < 0.8 else []
    else:
        universities = rng.sample(universities, rng.randint(1, 3))
    for org in centres + universities:
        role = MembershipRole.ASSOCIATE if rng.random() < 0.4 else MembershipRole.MEMBER
        _join(world, rng, joined, org, cluster, role)
        if cluster.theme not in org.themes:
            org.themes.append(cluster.theme)


def _public_bodies(
    world: World, rng: Random, cluster: Cluster, joined: set[tuple[Org, Cluster]], pools: _Pools
) -> None:
    """A local council or technopark as associate; international partners in Catalonia."""
    if cluster.complex:
        technopark = world.institutions[TECHNOPARKS[cluster.complex.region]]
        if rng.random() < 0.25:
            _join(world, rng, joined, technopark, cluster, MembershipRole.ASSOCIATE)
        return
    local = [o for o in pools.councils if o.city is cluster.org.city]
    if local and rng.random() < 0.5:
        _join(world, rng, joined, local[0], cluster, MembershipRole.ASSOCIATE)
    foreign = pools.foreign.get(cluster.theme, [])
    for org in rng.sample(foreign, min(len(foreign), rng.randint(0, 2))):
        _join(world, rng, joined, org, cluster, MembershipRole.PARTNER)


def _more_clusters(world: World, rng: Random, joined: set[tuple[Org, Cluster]]) -> None:
    """Some member companies also join one or two clusters of related sectors."""
    nearby = {c: _related_clusters(world, c) for c in world.clusters}
    for cluster in world.clusters:
        for org in list(cluster.members):
            if org.kind not in (OrganisationKind.COMPANY, OrganisationKind.STARTUP):
                continue
            if org.themes[0] != cluster.theme or rng.random() >= SECOND_CLUSTER:
                continue
            extra = 2 if rng.random() < THIRD_CLUSTER else 1
            options = [
                c for c in nearby[cluster] if (org, c) not in joined and len(c.members) < _cap(c)
            ]
            for other in rng.sample(options, min(extra, len(options))):
                _join(world, rng, joined, org, other)
                if other.theme not in org.themes:
                    org.themes.append(other.theme)


def _cap(cluster: Cluster) -> int:
    return KOREAN_CAP if cluster.complex else CATALAN_CAP


def _related_clusters(world: World, cluster: Cluster) -> list[Cluster]:
    """Clusters of the same programme whose sector relates to ``cluster``'s; in Korea,
    preferably in the same complex, else in the same region, else anywhere."""
    same = [c for c in world.clusters if c.programme == cluster.programme and c is not cluster]
    themes = (cluster.theme, *related(cluster.theme))
    fitting = [c for c in same if c.theme in themes]
    if cluster.complex is None:
        return [c for c in fitting if c.theme != cluster.theme]
    for scope in (
        [c for c in fitting if c.complex is cluster.complex],
        [c for c in fitting if c.org.city.region == cluster.org.city.region],
    ):
        if scope:
            return scope
    return fitting


def _history(world: World, rng: Random) -> None:
    """End some memberships; renew about a third of them with a new row."""
    for membership in list(world.memberships):
        if membership.role is MembershipRole.FOUNDING_MEMBER or rng.random() >= ENDED:
            continue
        until = membership.since + timedelta(days=rng.randint(365, 2200))
        if until > LAST_JOIN - timedelta(days=30):
            continue
        membership.until = until
        if rng.random() < RENEWED:
            again = until + timedelta(days=rng.randint(90, 900))
            if again <= LAST_JOIN:
                world.memberships.append(
                    Membership(membership.org, membership.cluster, MembershipRole.MEMBER, again)
                )
