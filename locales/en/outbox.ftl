## Told to curators by the outbox's sender

outbox-unreachable-curator = { $name } has blocked the bot: messages no longer reach them. Please contact them in person — delivery resumes when they write to the bot again.
outbox-failed-curator = A message for { $name } could not be delivered: { $reason }. Check that they have not deleted the chat with the bot.
