# Answers the dialogs give to presses and messages they cannot use.
error-stale-button-in-dialog = This button no longer works. Carry on from the latest message, or send /cancel to stop.
