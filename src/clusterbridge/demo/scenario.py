"""The synthetic EU-Korea demo scenario, generated deterministically from a seed.

Two cluster programmes (the Catalonia Clusters Programme with 28 clusters, run by ACCIÓ, and
about 100 KICOX mini-clusters in 20 Korean industrial complexes), their member organisations,
a collaboration history 2014-2025 and contact persons. Every company, person and figure is
invented; programme descriptions say 'Synthetic demo data' and every web and e-mail address
uses the reserved '.example' domain (RFC 2606).
"""

from __future__ import annotations

from random import Random

from clusterbridge.core.errors import ClusterBridgeError
from clusterbridge.demo.clusters import add_clusters
from clusterbridge.demo.collaborations import add_collaborations
from clusterbridge.demo.memberships import add_memberships
from clusterbridge.demo.organisations import add_companies, add_institutions
from clusterbridge.demo.persons import add_persons
from clusterbridge.demo.profiles import classify, identify
from clusterbridge.demo.tables import tables
from clusterbridge.demo.texts import describe
from clusterbridge.demo.world import World

DEFAULT_SEED = 2026
FULL_SCALE = 10_000
"""Number of organisations at which clusters reach their full, realistic sizes."""
MINIMUM_ORGANISATIONS = 1_000
"""Fewer would not fill 128 clusters beside the fixed institutions."""
COLLABORATIONS_PER_ORGANISATION = 0.28
PERSONS_PER_ORGANISATION = 0.03


def generate(
    seed: int = DEFAULT_SEED, organisations: int = FULL_SCALE
) -> dict[str, list[dict[str, str]]]:
    """The scenario as import tables: table name -> rows of column -> cell text, for
    :func:`clusterbridge.registry.importers.tables.import_tables`. The same seed always
    gives the same tables; ``organisations`` is the exact number of organisations."""
    if organisations < MINIMUM_ORGANISATIONS:
        raise ClusterBridgeError(
            f"the demo scenario needs at least {MINIMUM_ORGANISATIONS} organisations"
            f" (asked for {organisations})"
        )
    world = World()
    add_institutions(world, _stream(seed, "institutions"))
    add_clusters(world, _stream(seed, "clusters"), scale=min(1.0, organisations / FULL_SCALE))
    add_companies(world, _stream(seed, "companies"), organisations)
    add_memberships(world, _stream(seed, "memberships"))
    profiles = _stream(seed, "profiles")
    classify(world, profiles)
    identify(world, profiles)
    collaborations = round(organisations * COLLABORATIONS_PER_ORGANISATION)
    add_collaborations(world, _stream(seed, "collaborations"), collaborations)
    add_persons(world, _stream(seed, "persons"), round(organisations * PERSONS_PER_ORGANISATION))
    _describe(world, _stream(seed, "texts"))
    return tables(world)


def _stream(seed: int, part: str) -> Random:
    """An independent random stream per part, so changing one part leaves the others be."""
    return Random(f"{seed}:{part}")


def _describe(world: World, rng: Random) -> None:
    clusters = {cluster.org: cluster for cluster in world.clusters}
    for org in world.organisations:
        describe(org, rng, clusters.get(org))
