"""A history of collaborations 2014-2025: funded projects (mostly among members of one
cluster, some across related clusters, some EU-Korea or with other EU partners), signed
cooperation agreements and B2B meetings. Each has one coordinator and 2-8 participants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from clusterbridge.demo import funding
from clusterbridge.demo.themes import KOREAN_THEMES, THEMES, related
from clusterbridge.demo.world import (
    EXTERNAL_ID_PREFIX,
    HISTORY_END,
    HISTORY_START,
    Cluster,
    Collaboration,
    Org,
    Participation,
    World,
    random_date,
)
from clusterbridge.registry.enums import OrganisationKind as Kind
from clusterbridge.registry.enums import ParticipantRole as Role

PROJECT_SOURCE = "demo-project"
AGREEMENT_SOURCE = "demo-agreement"
MEETING_SOURCE = "demo-meeting"
ACADEMIC = (Kind.UNIVERSITY, Kind.RESEARCH_CENTRE)


@dataclass(frozen=True)
class _Index:
    """Lookups made once: clusters by country, foreign partners by theme, Korean clusters
    that match each Catalan one, and each cluster's members by year."""

    catalan: list[Cluster]
    korean: list[Cluster]
    europeans: dict[str, list[Org]]
    counterparts: dict[Cluster, list[Cluster]]
    periods: dict[Cluster, list[tuple[Org, int, int]]]

    @classmethod
    def of(cls, world: World) -> _Index:
        catalan = [c for c in world.clusters if c.complex is None]
        korean = [c for c in world.clusters if c.complex is not None]
        europeans: dict[str, list[Org]] = {}
        for org in world.organisations:
            if org.country not in ("ES", "KR") and org.themes and org.kind is not Kind.OTHER:
                for key in org.themes:
                    europeans.setdefault(key, []).append(org)
        periods: dict[Cluster, list[tuple[Org, int, int]]] = {c: [] for c in world.clusters}
        for m in world.memberships:
            until = m.until.year if m.until else HISTORY_END.year
            periods[m.cluster].append((m.org, m.since.year, until))
        counterparts = {c: _korean_counterparts(c, korean) for c in catalan}
        return cls(catalan, korean, europeans, counterparts, periods)

    def members(self, cluster: Cluster, year: int) -> list[Org]:
        """Members in ``year`` (all members when too few were)."""
        found = [o for o, first, last in self.periods[cluster] if first <= year <= last]
        return list(dict.fromkeys(found)) if len(found) >= 2 else list(cluster.members)


def _korean_counterparts(cluster: Cluster, korean: list[Cluster]) -> list[Cluster]:
    """Korean mini-clusters of the same sector, else of a related one."""
    same = [k for k in korean if k.theme == cluster.theme]
    near = related(cluster.theme, KOREAN_THEMES)
    return same or [k for k in korean if k.theme in near]


def add_collaborations(world: World, rng: Random, count: int) -> None:
    """``count`` collaborations: three quarters projects, the rest agreements and meetings."""
    index = _Index.of(world)
    world.collaborations.append(_agencies_agreement(world))
    while len(world.collaborations) < count:
        number = len(world.collaborations) + 1
        year = rng.choices(range(HISTORY_START, HISTORY_END.year + 1), weights=_YEAR_WEIGHTS)[0]
        roll = rng.random()
        if roll < 0.75:
            item = _project(rng, index, year)
        elif roll < 0.87:
            item = _agreement(rng, index, year)
        else:
            item = _meeting(rng, index, year)
        item.external_id = f"{EXTERNAL_ID_PREFIX}collaboration-{number:05d}"
        world.collaborations.append(item)
    _give_pics(world, rng)


_YEAR_WEIGHTS = [10 + 2 * n for n in range(HISTORY_END.year - HISTORY_START + 1)]


def _agencies_agreement(world: World) -> Collaboration:
    accio, kicox = world.institutions["accio"], world.institutions["kicox"]
    return Collaboration(
        external_id=f"{EXTERNAL_ID_PREFIX}collaboration-00001",
        source=AGREEMENT_SOURCE,
        title="Memorandum of understanding between ACCIÓ and KICOX on cluster cooperation",
        programme="EU-Korea Cluster Cooperation",
        start=date(2019, 5, 14),
        end=date(2024, 5, 13),
        parts=[],
        participants=[Participation(accio, Role.COORDINATOR), Participation(kicox, Role.PARTNER)],
    )


def _project(rng: Random, index: _Index, year: int) -> Collaboration:
    roll = rng.random()
    if roll < 0.15:
        return _cross_border_project(rng, index, year)
    clusters = index.catalan if rng.random() < 0.5 else index.korean
    cluster = rng.choice(clusters)
    orgs = _sample(rng, index.members(cluster, year), rng.randint(2, 6))
    if roll < 0.3:
        near = [c for c in clusters if c.theme in related(cluster.theme) and c is not cluster]
        if near:
            orgs += _sample(rng, index.members(rng.choice(near), year), rng.randint(1, 2))
    programme = funding.domestic(rng, cluster.country, year)
    if cluster.country == "ES" and rng.random() < 0.35:
        programme = funding.horizon(year) if rng.random() < 0.7 else funding.EUROSTARS
        orgs += _sample(rng, index.europeans.get(cluster.theme, []), rng.randint(1, 3))
    return _funded(rng, programme, cluster, orgs, year)


def _cross_border_project(rng: Random, index: _Index, year: int) -> Collaboration:
    cluster = rng.choice([c for c in index.catalan if index.counterparts[c]])
    partner = rng.choice(index.counterparts[cluster])
    orgs = _sample(rng, index.members(cluster, year), rng.randint(1, 3))
    orgs += _sample(rng, index.members(partner, year), rng.randint(1, 3))
    programme = funding.cross_border(rng, year)
    if programme.eu and rng.random() < 0.5:
        orgs += _sample(rng, index.europeans.get(cluster.theme, []), rng.randint(1, 2))
    return _funded(rng, programme, cluster, orgs, year)


def _sample(rng: Random, orgs: list[Org], count: int) -> list[Org]:
    return rng.sample(orgs, min(count, len(orgs)))


def _funded(
    rng: Random, programme: funding.Programme, cluster: Cluster, orgs: list[Org], year: int
) -> Collaboration:
    """A funded project of ``orgs`` (2-8 distinct, coordinator first) with its budget."""
    orgs = list(dict.fromkeys(orgs))[:8]
    if len(orgs) < 2:
        orgs.append(cluster.org)
    _coordinator_first(rng, programme, orgs)
    start = random_date(rng, date(year, 1, 1), date(year, 12, 31))
    total, granted = funding.budget_cents(rng, programme)
    roles = [_role(programme, org, year, first=i == 0) for i, org in enumerate(orgs)]
    shares = _shares(rng, granted, roles)
    return Collaboration(
        external_id="",
        source=PROJECT_SOURCE,
        title=funding.project_title(rng, THEMES[cluster.theme]),
        programme=programme.name,
        start=start,
        end=start + timedelta(days=rng.randint(540, 1460)),
        parts=programme.parts(THEMES[cluster.theme], year),
        participants=[Participation(o, r, s) for o, r, s in zip(orgs, roles, shares, strict=True)],
        total_cents=total,
        funding_cents=granted,
    )


def _coordinator_first(rng: Random, programme: funding.Programme, orgs: list[Org]) -> None:
    """Put the coordinator first: an EU-side academic or firm in EU programmes, a Korean
    one in Korean programmes, otherwise preferably a company."""
    if programme.eu:
        fit = [o for o in orgs if o.country != "KR"]
    elif programme is funding.KIAT:
        fit = [o for o in orgs if o.country == "KR"]
    else:
        fit = list(orgs)
    academic = [o for o in fit if o.kind in ACADEMIC]
    pool = academic if academic and rng.random() < 0.5 else fit or orgs
    chosen = rng.choice(pool)
    orgs.remove(chosen)
    orgs.insert(0, chosen)


def _role(programme: funding.Programme, org: Org, year: int, first: bool) -> Role:
    if first:
        return Role.COORDINATOR
    if programme.eu and org.country == "KR":
        return Role.PARTICIPANT if year >= 2025 else Role.ASSOCIATED_PARTNER
    if programme is funding.KIAT or org.kind is Kind.CLUSTER_ORGANISATION:
        return Role.PARTNER
    return Role.PARTICIPANT


def _shares(rng: Random, granted: int, roles: list[Role]) -> list[int | None]:
    """Split the funding over funded participants; the coordinator takes the remainder."""
    funded = [r in (Role.COORDINATOR, Role.PARTICIPANT, Role.PARTNER) for r in roles]
    weights = [2.0 if r is Role.COORDINATOR else rng.uniform(0.5, 1.5) for r in roles]
    total_weight = sum(w for w, f in zip(weights, funded, strict=True) if f)
    shares: list[int | None] = [
        int(granted * w / total_weight) // 100 * 100 if f else None
        for w, f in zip(weights, funded, strict=True)
    ]
    shares[0] = granted - sum(s for s in shares[1:] if s is not None)
    return shares


def _agreement(rng: Random, index: _Index, year: int) -> Collaboration:
    """A cluster-to-cluster memorandum (EU-Korea) or a technology agreement between firms."""
    start = random_date(rng, date(year, 1, 1), min(date(year, 12, 31), HISTORY_END))
    end = start + timedelta(days=3 * 365) if rng.random() < 0.7 else None
    if rng.random() < 0.5:
        cluster = rng.choice([c for c in index.catalan if index.counterparts[c]])
        partner = rng.choice(index.counterparts[cluster])
        title = (
            f"Memorandum of understanding on {THEMES[cluster.theme].label} cooperation"
            f" between {cluster.org.name.short} and {partner.org.name.short}"
        )
        orgs, programme = [cluster.org, partner.org], "EU-Korea Cluster Cooperation"
    else:
        cluster = rng.choice(index.catalan + index.korean)
        orgs = _sample(rng, index.members(cluster, year), rng.randint(2, 3))
        product = rng.choice(THEMES[cluster.theme].products)
        title, programme = f"Technology cooperation agreement on {product}", ""
        if len(orgs) < 2:
            orgs.append(cluster.org)
    roles = [Role.COORDINATOR] + [Role.PARTNER] * (len(orgs) - 1)
    participants = [Participation(o, r) for o, r in zip(orgs, roles, strict=True)]
    return Collaboration("", AGREEMENT_SOURCE, title, programme, start, end, [], participants)


def _meeting(rng: Random, index: _Index, year: int) -> Collaboration:
    """B2B meetings at a matchmaking event organised by a Catalan cluster."""
    cluster = rng.choice([c for c in index.catalan if index.counterparts[c]])
    day = random_date(rng, date(year, 2, 1), min(date(year, 11, 30), HISTORY_END))
    orgs = _sample(rng, index.members(cluster, year), rng.randint(1, 2))
    if rng.random() < 0.7:
        partner = rng.choice(index.counterparts[cluster])
        orgs += _sample(rng, index.members(partner, year), rng.randint(1, 2))
        event, programme = "EU-Korea", "EU-Korea Cluster Matchmaking"
    else:
        orgs += _sample(rng, index.members(cluster, year), 1)
        event, programme = cluster.acronym, ""
    orgs = [o for o in dict.fromkeys(orgs) if o is not cluster.org]
    label = THEMES[cluster.theme].label
    participants = [Participation(cluster.org, Role.COORDINATOR)]
    participants += [Participation(o, Role.PARTICIPANT) for o in orgs[:4]]
    title = f"B2B meetings at the {event} {label} matchmaking day {year}"
    return Collaboration("", MEETING_SOURCE, title, programme, day, day, [], participants)


def _give_pics(world: World, rng: Random) -> None:
    """A PIC (EU participant code) for every participant in EU-funded projects, and for
    the EU-side universities, research centres and Catalan cluster organisations."""
    eu_programmes = {p.name for p in (funding.HORIZON_2020, funding.HORIZON_EUROPE)}
    eu_programmes.add(funding.EUROSTARS.name)
    needing = [
        p.org for c in world.collaborations if c.programme in eu_programmes for p in c.participants
    ]
    needing += [
        o
        for o in world.organisations
        if o.country != "KR" and (o.kind in ACADEMIC or (o.kind is Kind.CLUSTER_ORGANISATION))
    ]
    used: set[str] = set()
    for org in dict.fromkeys(needing):
        pic = str(rng.randint(900_000_000, 999_999_999))
        while pic in used:
            pic = str(rng.randint(900_000_000, 999_999_999))
        used.add(pic)
        org.pic = pic
