"""Storage: SQLAlchemy models, the engine, repositories returning plain objects, and Alembic migrations."""
