"""Data access. Repositories flush but never commit: the service that calls them owns the transaction."""
