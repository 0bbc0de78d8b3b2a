"""Reads the registry's organisations as engine profiles, in three queries whatever their number."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clusterbridge.matchmaking.engine.profiles import Profile
from clusterbridge.registry.enums import Vocabulary
from clusterbridge.registry.models import Cluster, Membership, Organisation, OrganisationCode
from clusterbridge.registry.queries.common import is_current, today_utc

INDUSTRY_VOCABULARIES = frozenset({Vocabulary.NACE})
TECHNOLOGY_VOCABULARIES = frozenset({Vocabulary.TECHNOLOGY, Vocabulary.EMERGING})


@dataclass(frozen=True)
class RegistryState:
    """A cheap summary of what profiles depend on: when it changes, profiles are read again."""

    organisations: int
    last_change: str
    codes: int
    memberships: int


def registry_state(session: Session) -> RegistryState:
    """Counts and the latest change, in one round trip per table."""
    count, last = session.execute(
        select(func.count(Organisation.id), func.max(Organisation.updated_at))
    ).one()
    codes = session.scalar(select(func.count(OrganisationCode.id))) or 0
    memberships = session.scalar(select(func.count(Membership.id)).where(is_current(today_utc())))
    return RegistryState(count, str(last), codes, memberships or 0)


def load_profiles(session: Session) -> dict[int, Profile]:
    """Every organisation as a :class:`Profile`, keyed by organisation id."""
    codes: dict[int, dict[str, set[str]]] = defaultdict(lambda: {"ind": set(), "tech": set()})
    for org_id, vocabulary, code in session.execute(
        select(OrganisationCode.organisation_id, OrganisationCode.vocabulary, OrganisationCode.code)
    ):
        if vocabulary in INDUSTRY_VOCABULARIES:
            codes[org_id]["ind"].add(code)
        elif vocabulary in TECHNOLOGY_VOCABULARIES:
            codes[org_id]["tech"].add(code)
    clusters: dict[int, set[int]] = defaultdict(set)
    for org_id, cluster_id in session.execute(
        select(Membership.organisation_id, Membership.cluster_id).where(is_current(today_utc()))
    ):
        clusters[org_id].add(cluster_id)
    for org_id, cluster_id in session.execute(select(Cluster.organisation_id, Cluster.id)):
        clusters[org_id].add(cluster_id)
    rows = session.execute(
        select(
            Organisation.id,
            Organisation.kind,
            Organisation.country,
            Organisation.name,
            Organisation.description,
            Organisation.offers,
            Organisation.needs,
            Organisation.size_class,
            Organisation.founding_year,
        )
    )
    return {
        row.id: Profile(
            key=row.id,
            kind=row.kind.value,
            country=row.country,
            name=row.name,
            description=row.description or "",
            offers=row.offers or "",
            needs=row.needs or "",
            industries=frozenset(codes[row.id]["ind"]) if row.id in codes else frozenset(),
            technologies=frozenset(codes[row.id]["tech"]) if row.id in codes else frozenset(),
            size=row.size_class.value if row.size_class else None,
            founding_year=row.founding_year,
            clusters=frozenset(clusters.get(row.id, ())),
        )
        for row in rows
    }


def fingerprint(profile: Profile) -> str:
    """Changes exactly when something the index keeps of the profile changes."""
    parts = (
        profile.kind,
        profile.country or "",
        profile.name,
        profile.text,
        profile.needs,
        ",".join(sorted(profile.industries)),
        ",".join(sorted(profile.technologies)),
        profile.size or "",
        str(profile.founding_year or ""),
        ",".join(map(str, sorted(profile.clusters))),
    )
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()
