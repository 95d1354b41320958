"""/requests: mentees' requests for another mentor as a list, each request's card, and the curator's decision:
end the pair and return the mentee to matching, keep the pair, or end it with the curator's own reason."""

from bot.dialogs.change_requests.dialog import change_requests_dialog

__all__ = ["change_requests_dialog"]
