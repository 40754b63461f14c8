"""Alembic migrations, shipped in the package so `storage:migrations` resolves when installed."""
