"""The scenario while it is being built: organisations, clusters, memberships, collaborations
and persons as plain mutable records, turned into import tables only at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random

from clusterbridge.demo.names import OrgName
from clusterbridge.demo.places import City, Complex
from clusterbridge.registry.enums import MembershipRole, OrganisationKind, ParticipantRole

EXTERNAL_ID_PREFIX = "demo-"
HISTORY_START = 2014
"""First year of the collaboration history."""
HISTORY_END = date(2025, 12, 31)
"""Last day of the scenario's history: no membership or agreement starts after it."""


@dataclass(eq=False)
class Org:
    """An organisation; ``themes`` lists its sectors, the home theme first (empty for
    public bodies and chambers). Compared by identity."""

    external_id: str
    kind: OrganisationKind
    name: OrgName
    city: City
    themes: list[str]
    latitude: float
    longitude: float
    founded: int | None = None
    size: str = ""
    vat: str = ""
    pic: str = ""
    national_id: str = ""
    website: str = ""
    industries: list[str] = field(default_factory=list)
    technologies: list[str] = field(default_factory=list)
    emerging: list[str] = field(default_factory=list)
    description: str = ""
    offers: str = ""
    needs: str = ""

    @property
    def country(self) -> str:
        return self.city.country

    @property
    def domain(self) -> str:
        """The web domain (RFC 2606 reserved '.example'), for websites and e-mails."""
        return self.website.removeprefix("https://")


@dataclass(eq=False)
class Cluster:
    """A cluster: its cluster organisation, theme, programme and (in Korea) complex, the
    organisations created as its members, and how it is managed (staff in hundredths of a
    full-time equivalent, excellence label, strategy areas)."""

    org: Org
    theme: str
    programme: str
    acronym: str
    founded: int
    target: int
    complex: Complex | None = None
    members: list[Org] = field(default_factory=list)
    fte_cents: int | None = None
    label: str = ""
    label_until: date | None = None
    strategy: list[str] = field(default_factory=list)

    @property
    def country(self) -> str:
        return self.org.country


@dataclass
class Membership:
    org: Org
    cluster: Cluster
    role: MembershipRole
    since: date
    until: date | None = None


@dataclass
class Participation:
    org: Org
    role: ParticipantRole
    contribution_cents: int | None = None


@dataclass
class Collaboration:
    """A project, agreement or meeting; money in cents so that shares add up exactly."""

    external_id: str
    source: str
    title: str
    programme: str
    start: date
    end: date | None
    parts: list[str]
    participants: list[Participation]
    total_cents: int | None = None
    funding_cents: int | None = None


@dataclass
class Person:
    external_id: str
    name: str
    email: str
    position: str
    org: Org


@dataclass
class World:
    """Everything generated so far, and a counter for readable external ids."""

    organisations: list[Org] = field(default_factory=list)
    institutions: dict[str, Org] = field(default_factory=dict)
    clusters: list[Cluster] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    collaborations: list[Collaboration] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    names: set[str] = field(default_factory=set)

    def add(
        self,
        rng: Random,
        kind: OrganisationKind,
        name: OrgName,
        city: City,
        themes: list[str],
        external_id: str | None = None,
    ) -> Org:
        """A new organisation near the centre of ``city`` (within a few kilometres)."""
        number = len(self.organisations) + 1
        org = Org(
            external_id=external_id or f"{EXTERNAL_ID_PREFIX}org-{number:05d}",
            kind=kind,
            name=name,
            city=city,
            themes=themes,
            latitude=city.latitude + rng.gauss(0, 0.015),
            longitude=city.longitude + rng.gauss(0, 0.02),
        )
        self.organisations.append(org)
        self.names.add(name.name)
        return org

    def of_kind(self, *kinds: OrganisationKind) -> list[Org]:
        return [org for org in self.organisations if org.kind in kinds]


def random_date(rng: Random, first: date, last: date) -> date:
    """A day between ``first`` and ``last`` inclusive (``first`` when they cross)."""
    span = (last - first).days
    return first if span <= 0 else date.fromordinal(first.toordinal() + rng.randint(0, span))
