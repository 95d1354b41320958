"""The Telegram side: settings, composition, middlewares, handlers and dialogs. Thin over mentorship.services."""
