"""/campaign: the curator's open survey campaigns with their response counts, and a new round by hand."""

from bot.dialogs.campaign.dialog import campaign_dialog

__all__ = ["campaign_dialog"]
