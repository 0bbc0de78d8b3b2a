"""Contact persons: one for every cluster organisation and each agency, and a few hundred
more across companies, universities, research centres and public bodies. Only a name, a work
e-mail address on the organisation's reserved '.example' domain, and a position."""

from __future__ import annotations

from random import Random

from clusterbridge.demo.names import person
from clusterbridge.demo.world import EXTERNAL_ID_PREFIX, Org, Person, World
from clusterbridge.registry.enums import OrganisationKind as Kind

_POSITIONS = {
    Kind.COMPANY: (
        "CEO",
        "Managing Director",
        "CTO",
        "R&D Manager",
        "Head of International Business",
        "Sales Director",
        "Innovation Manager",
        "Export Manager",
        "Plant Manager",
    ),
    Kind.STARTUP: ("Founder and CEO", "Co-founder and CTO", "Head of Business Development"),
    Kind.UNIVERSITY: (
        "Professor",
        "Associate Professor",
        "Technology Transfer Officer",
        "Vice-Rector for Research",
    ),
    Kind.RESEARCH_CENTRE: (
        "Senior Researcher",
        "Head of Unit",
        "Business Development Manager",
        "Project Manager",
    ),
    Kind.PUBLIC_BODY: (
        "Programme Manager",
        "Head of Cluster Policy",
        "International Relations Officer",
        "Director",
    ),
    Kind.CLUSTER_ORGANISATION: ("Project Manager", "Internationalisation Manager"),
    Kind.OTHER: ("Director", "Head of International Services", "Investment Manager"),
}
_KIND_WEIGHTS = {
    Kind.COMPANY: 60,
    Kind.STARTUP: 12,
    Kind.UNIVERSITY: 10,
    Kind.RESEARCH_CENTRE: 8,
    Kind.PUBLIC_BODY: 5,
    Kind.CLUSTER_ORGANISATION: 3,
    Kind.OTHER: 2,
}


def add_persons(world: World, rng: Random, others: int) -> None:
    """A contact for each cluster organisation and agency, then ``others`` more people."""
    mailboxes: set[str] = set()
    for cluster in world.clusters:
        korean = cluster.complex is not None
        position = "Mini-cluster Coordinator" if korean else "Cluster Manager"
        _add(world, rng, cluster.org, position, mailboxes)
    _add(world, rng, world.institutions["accio"], "Head of Cluster Programme", mailboxes)
    _add(world, rng, world.institutions["kicox"], "Head of Mini-cluster Programme", mailboxes)
    by_kind: dict[Kind, list[Org]] = {}
    for org in world.organisations:
        by_kind.setdefault(org.kind, []).append(org)
    kinds = [kind for kind in _KIND_WEIGHTS if by_kind.get(kind)]
    weights = [_KIND_WEIGHTS[kind] for kind in kinds]
    for kind in rng.choices(kinds, weights=weights, k=others):
        org = rng.choice(by_kind[kind])
        _add(world, rng, org, rng.choice(_POSITIONS[kind]), mailboxes)


def _add(world: World, rng: Random, org: Org, position: str, mailboxes: set[str]) -> None:
    name = person(rng, org.country)
    email, number = f"{name.mailbox}@{org.domain}", 1
    while email in mailboxes:
        number += 1
        email = f"{name.mailbox}{number}@{org.domain}"
    mailboxes.add(email)
    external_id = f"{EXTERNAL_ID_PREFIX}person-{len(world.persons) + 1:05d}"
    world.persons.append(Person(external_id, name.name, email, position, org))
