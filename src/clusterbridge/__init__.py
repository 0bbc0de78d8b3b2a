"""ClusterBridge: a platform for industrial cluster programmes and cluster cooperation."""

__version__ = "0.1.0"
