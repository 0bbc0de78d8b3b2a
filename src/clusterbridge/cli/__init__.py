"""The `clusterbridge` command line: a thin layer over the features' operations."""
