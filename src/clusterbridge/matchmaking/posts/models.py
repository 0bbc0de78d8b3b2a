"""Partner-search post tables (placeholder until the posts work lands)."""
