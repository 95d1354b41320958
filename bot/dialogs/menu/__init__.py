"""/menu: buttons for what this person's roles allow."""

from bot.dialogs.menu.dialog import menu_dialog

__all__ = ["menu_dialog"]
