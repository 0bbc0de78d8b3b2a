"""Cluster mapping (regional statistics) and cluster evaluation (indicators, scorecards, reports)."""
