"""Data access. Repositories flush but never commit: the entry point (an update, a scheduler job, the outbox
sender; see db/transaction.py) owns the transaction."""
