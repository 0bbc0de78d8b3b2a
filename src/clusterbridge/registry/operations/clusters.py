"""Editing cluster profiles."""

from __future__ import annotations

from sqlalchemy.orm import Session

from clusterbridge.core.errors import NotFound
from clusterbridge.registry import models as m
from clusterbridge.registry.importers.kinds import CLUSTERS
from clusterbridge.registry.operations.fields import (
    Changes,
    apply_values,
    check_version,
    flushing,
    parse_fields,
    raise_problems,
    record_change,
    resolve_references,
)

ENTITY = "cluster"
EDITABLE = frozenset(c.name for c in CLUSTERS.columns if c.name != "organisation")
"""Every column of the clusters file but the organisation the profile belongs to."""
STRUCTURAL = frozenset({"programme", "industrial_complex"})
"""Fields that move a cluster between programmes or complexes (and so between managers)."""


def update_cluster(
    session: Session, cluster_id: int, changes: Changes, expected_version: int, actor: str
) -> m.Cluster:
    """Change some fields of a cluster profile seen at ``expected_version``. Programmes and
    industrial complexes are named by their external ids, as in files."""
    cluster = get_cluster(session, cluster_id)
    check_version(ENTITY, cluster, expected_version)
    parsed, problems = parse_fields(CLUSTERS, changes, EDITABLE)
    ids, missing = resolve_references(session, CLUSTERS, parsed)
    raise_problems(problems + missing)
    with flushing(session, ENTITY, cluster_id):
        diff = apply_values(CLUSTERS, cluster, parsed, ids)
    session.expire(cluster, list(STRUCTURAL))  # reload the relationships after the new ids
    if diff[1]:
        record_change(session, actor, "updated", ENTITY, cluster_id, diff)
    return cluster


def get_cluster(session: Session, cluster_id: int) -> m.Cluster:
    cluster = session.get(m.Cluster, cluster_id)
    if cluster is None:
        raise NotFound(f"There is no cluster with id {cluster_id}.")
    return cluster
