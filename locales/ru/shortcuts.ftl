## Buttons on notifications that do what the message asks for (mentorship/shortcuts.py): each does what a command does

shortcut-questionnaire = 📝 Заполнить анкету
shortcut-mypair = 🤝 Моя пара
shortcut-child-pair = 🤝 Пара ребёнка
shortcut-newmeeting = ➕ Назначить встречу
shortcut-meetings = 📅 Мои встречи
shortcut-plan = 🎯 План пары
shortcut-pair-plan = 🎯 План пары № { NUMBER($pair, useGrouping: 0) }
shortcut-requests = 🔁 Просьбы о смене
shortcut-privacy = 🔒 Мои данные и согласия
shortcut-continue = ▶️ Продолжить
