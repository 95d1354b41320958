"""Periodic work: a few APScheduler ticks (never one job per reminder). Runs in the bot or alone."""
