"""aiogram-dialog dialogs. Each package: `dialog.py` declares windows, `getters.py` reads, `handlers.py` writes."""
