"""The Telegram side: settings, composition, middlewares, handlers and dialogs. Thin over mentorship.services."""

from bot.lazy_models import defer_aiogram_models

# Before anything imports aiogram: its ~900 pydantic models are built at their first use, not all at import
# (~100 MB of resident memory; see bot/lazy_models.py).
defer_aiogram_models()
