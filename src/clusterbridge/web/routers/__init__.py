"""One router module per area of the platform; each route parses, calls one query, renders."""
