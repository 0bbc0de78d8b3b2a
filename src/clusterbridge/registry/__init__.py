"""The cluster registry: programmes, complexes, clusters, organisations, memberships, collaborations."""
