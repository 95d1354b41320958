## Calendar files (.ics) attached to meeting invitations

calendar-title = Mentorship: { $kind }
calendar-online = Online (the link is in the event)
calendar-description = A meeting of the mentorship programme. Confirm, move or cancel it in the bot.
calendar-file-hint = 📎 The file is for your phone's calendar: open it and the meeting appears there; a move or a cancellation sends a new file.
