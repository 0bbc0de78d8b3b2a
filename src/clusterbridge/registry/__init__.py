"""The cluster registry: programmes, industrial complexes, clusters, organisations,
memberships and collaborations."""
