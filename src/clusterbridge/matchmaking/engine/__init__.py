"""The pure recommendation engine: text, vectors, collaboration history, ranker, explanations.

Nothing here imports the database; the adapter in :mod:`clusterbridge.matchmaking` feeds it.
"""
