"""Partner-search posts (offers and requests) and expressions of interest."""
