"""The web platform: a FastAPI app factory, one router module per area, templates, static."""
