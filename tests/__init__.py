import bot  # noqa: F401 - before aiogram: its models are built at first use, as in `python -m bot` (bot/lazy_models.py)
