"""The reproducible demo: a synthetic EU-Korea cluster scenario generated from a seed."""

from clusterbridge.demo.scenario import generate

__all__ = ["generate"]
