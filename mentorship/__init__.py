"""Domain of the mentorship programme: rules over plain data, with no Telegram and no database imports."""
