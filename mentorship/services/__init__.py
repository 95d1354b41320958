"""Use cases: each public function checks authority, calls repositories and queues messages in the outbox, all in
the caller's transaction. None of them commits: the entry point does (an update, a scheduler job; see
db/transaction.py), so a use case is all or nothing, and several called in one update are one change. A use case
that raises has written nothing that stays: it raises before writing, or undoes its part in a savepoint.

Services know the database session but nothing of Telegram.
"""
