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
reminder-consent = 🔔 Куратор программы «{ $organisation }» напоминает: осталось дать согласие на участие. Напишите мне любое сообщение — и продолжим.
reminder-guardian = 🔔 Куратор программы «{ $organisation }» напоминает: ваш родитель ещё не дал согласие. Напишите мне любое сообщение — я дам новую ссылку, которую можно переслать родителю.
reminder-questionnaire = 🔔 Куратор программы «{ $organisation }» напоминает: пожалуйста, заполните анкету — /questionnaire
participants-questionnaire-title = {""}
    📝 Анкета «{ $title }» (версия { $version }){ $done ->
        [yes] {""}
       *[no] {" "}— не закончена
    }:
