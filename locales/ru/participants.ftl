## Реестр участников (куратор)

cmd-participants = Участники и их статус
participants-ask-organisation = Чей реестр открыть?
participants-title = { $count ->
    [0] Участников с такими условиями нет.
    [one] { $count } участник:
    [few] { $count } участника:
   *[many] { $count } участников:
}
participants-legend = ✅ участвует · ⏳ ждёт своего согласия · 👪 ждёт согласия родителя · 🚫 остановлено
    📝 анкета готова · ✏️ начата · ▫️ не начата
participants-filter-role-all = Все
participants-filter-role-mentee = Наставляемые
participants-filter-role-mentor = Наставники
participants-filter-all = Все статусы
participants-filter-consent = Нет согласия
participants-filter-questionnaire = Анкета не готова
participants-card =
    { $name } · № { NUMBER($id, useGrouping: 0) }
    Пару составляют кнопкой «Предложить наставника» на карточке наставляемого или командой /propose номер_наставника номер_наставляемого
    Возраст: { $age } · { $category } · класс / группа: { $group }
    Роль: { $roles }
    Статус: { $status }
    Анкета: { $progress }
    
    Согласия:
participants-consent-line = • { $kind } ({ $by }): { $state }
participants-consent-missing = ещё нет
progress-none = не начата
progress-started = начата, не закончена
progress-done = заполнена
participants-remind = 🔔 Напомнить
participants-reminded = Напоминание отправлено.
participants-remind-too-soon = Этому участнику уже напоминали за последние сутки.
participants-nothing-to-remind = Напоминать не о чем.
reminder-consent = 🔔 Куратор программы «{ $organisation }» напоминает: осталось дать согласие на участие. { $you ->
    [ty] Нажми «Продолжить».
   *[vy] Нажмите «Продолжить».
}
reminder-guardian = 🔔 Куратор программы «{ $organisation }» напоминает: { $you ->
    [ty] твой родитель ещё не дал согласие. Нажми кнопку — я дам новую ссылку, её можно переслать родителю.
   *[vy] ваш родитель ещё не дал согласие. Нажмите кнопку — я дам новую ссылку, её можно переслать родителю.
}
reminder-questionnaire = 🔔 Куратор программы «{ $organisation }» напоминает: { $you ->
    [ty] пожалуйста, заполни анкету.
   *[vy] пожалуйста, заполните анкету.
}
participants-questionnaire-title = {""}
    📝 Анкета «{ $title }» (версия { $version }){ $done ->
        [yes] {""}
       *[no] {" "}— не закончена
    }:
