"""Cluster evaluation: indicator frameworks defined as data, indicator values per cluster and
year (computed from the registry or collected by questionnaire), scorecards and peer
benchmarking within a programme."""
