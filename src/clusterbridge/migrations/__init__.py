"""Alembic migrations, shipped inside the package so `clusterbridge db upgrade` works anywhere."""
