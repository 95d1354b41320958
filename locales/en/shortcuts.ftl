## Buttons on notifications that do what the message asks for (mentorship/shortcuts.py): each does what a command does

shortcut-questionnaire = 📝 Fill in the questionnaire
shortcut-mypair = 🤝 My pair
shortcut-child-pair = 🤝 My child's pair
shortcut-newmeeting = ➕ Plan a meeting
shortcut-meetings = 📅 My meetings
shortcut-plan = 🎯 The pair's plan
shortcut-pair-plan = 🎯 Plan of pair { NUMBER($pair, useGrouping: 0) }
shortcut-requests = 🔁 Change requests
shortcut-privacy = 🔒 My data and consents
shortcut-continue = ▶️ Continue
