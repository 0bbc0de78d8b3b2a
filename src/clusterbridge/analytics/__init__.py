"""Cluster mapping (regional statistics) and cluster evaluation (scorecards, reports)."""
