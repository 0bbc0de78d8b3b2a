"""B2B matchmaking events: registration, meeting requests and scheduling."""
