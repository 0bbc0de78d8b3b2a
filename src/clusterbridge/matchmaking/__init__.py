"""Matchmaking: ranked, explained partner recommendations and partner-search posts."""
