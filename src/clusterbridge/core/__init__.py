"""Settings, database, base model, errors and the audit log: nothing feature-specific."""
