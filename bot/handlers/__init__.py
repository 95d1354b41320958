"""Routers for plain commands. Assembled in bot.app in one explicit, commented order."""
