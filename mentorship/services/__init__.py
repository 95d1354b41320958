"""Use cases. Each public function is one transaction: it checks authority, calls repositories, commits.

Services know the database session but nothing of Telegram.
"""
