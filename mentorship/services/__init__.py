"""Use cases: each public function checks authority, calls repositories and queues messages in the outbox, all in
the caller's transaction. None of them commits: the entry point does (an update, a scheduler job; see
db/transaction.py), so a use case is all or nothing, and several called in one update are one change. A use case
that raises has written nothing that stays: it raises before writing, or undoes its part in a savepoint.

Services know the database session but nothing of Telegram. They sit between the entry points (bot/, scheduler/),
which reach the database only through them, and the repositories (db/repositories/), which return mentorship's
plain data classes. A service imports other services only at the top of its module and never in a cycle: the one
that acts on a change sits above the one that reports it (participation.py over consents.py, suspension.py and
pairs/). tests/test_architecture.py checks all of this from the source.
"""
