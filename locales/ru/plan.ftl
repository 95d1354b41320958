## The individual plan (/plan), my pair (/mypair), and the curator's "no meeting" alert

cmd-plan = Индивидуальный план пары
cmd-mypair = Моя наставническая пара

plan-usage = Откройте план так: /plan или, для куратора, /plan номер_пары (например, /plan 12).
plan-no-pairs = { $you ->
    [ty] У тебя пока нет наставнической пары, поэтому и плана нет. Когда куратор утвердит пару, план появится здесь.
   *[vy] У вас пока нет наставнической пары, поэтому и плана нет. Когда куратор утвердит пару, план появится здесь.
}
plan-no-pairs-curator = В ваших организациях пока нет действующих пар. План конкретной пары: /plan номер_пары.
plan-pair-not-found = Пары № { $id } нет.
plan-not-yours = Этот план вам недоступен: его видят наставник, наставляемые, их родители и куратор.
plan-read-only = { $you ->
    [ty] План ведёт наставник — ты можешь его смотреть, но не менять.
   *[vy] План ведёт наставник — вы можете его смотреть, но не менять.
}
plan-pair-closed = Пара уже не действует, поэтому план больше не меняется.
plan-goal-not-found = Такой цели в плане этой пары нет — возможно, её уже удалили.
plan-too-many-goals = В плане уже { $limit } целей — это максимум. Объедините или удалите выполненные.

plan-choose-pair = Выберите пару, чей план открыть:
plan-pair-label = № { $id } · { $mentor } → { $mentees }
plan-title = 📋 <b>Индивидуальный план</b> пары № { $id }
plan-empty-editor = Целей пока нет. Добавьте первую — например, то, о чём договорились на встрече-планировании.
plan-empty-viewer = Наставник ещё не добавил цели.
plan-goal-line = { $number }. { $mark } { $title }
plan-goal-line-due = { $number }. { $mark } { $title } — до { $due }
plan-completion = Выполнено { $done } из { $total } — { $percent } %
plan-read-only-note = <i>План ведёт наставник.</i>
plan-add = ➕ Добавить цель
plan-other-pair = 👥 Другая пара

plan-status-not_started = не начата
plan-status-in_progress = в работе
plan-status-done = выполнена
plan-status-set-not_started = Цель снова «не начата».
plan-status-set-in_progress = Цель в работе.
plan-status-set-done = 🎉 Цель выполнена! Наставляемым придёт сообщение.
plan-status-unchanged = У цели уже такой статус.

plan-goal-card = <b>{ $title }</b>
    Статус: { $status }
    Срок: { $due ->
        [none] без срока
       *[other] { $due }
    }
plan-goal-overdue = ⚠️ Срок прошёл, а цель ещё не выполнена.
plan-edit-title = ✏️ Название
plan-edit-due = 📅 Срок
plan-move-up = ⬆️
plan-move-down = ⬇️
plan-delete = 🗑 Удалить
plan-delete-confirm = Удалить эту цель из плана? Это нельзя отменить.
plan-delete-yes = 🗑 Да, удалить
plan-goal-deleted = Цель удалена.
plan-goal-added = ✅ Цель добавлена в план.

plan-ask-title = Напишите цель одной фразой (до { $limit } символов). Например: «Подготовить проект к школьной конференции».
plan-ask-new-title = Сейчас: «{ $title }». Напишите новое название (до { $limit } символов).
plan-ask-due = Цель: «{ $title }». До какого числа? Напишите дату как 15.12 или 15.12.2026 — или нажмите «Без срока».
plan-ask-new-due = Цель: «{ $title }». Напишите новый срок (15.12 или 15.12.2026) или нажмите «Без срока».
plan-no-due = Без срока
plan-title-empty = Название цели не может быть пустым.
plan-title-too-long = Слишком длинно: { $length } символов, а можно до { $limit }. Сформулируйте короче.
plan-due-invalid = Не понял дату. Напишите, например, 15.12 или 15.12.2026.
plan-due-past = Эта дата уже прошла. Укажите сегодняшнюю или будущую.
plan-due-too-far = Слишком далеко: план составляется не больше чем на два года, последний возможный срок — { $latest }.

plan-goal-done-mentee = 🎉 Наставник { $mentor } отметил цель «{ $title }» как выполненную.

mypair-none = { $you ->
    [ty] У тебя пока нет действующей наставнической пары. Когда куратор её утвердит, тебе придёт сообщение.
   *[vy] У вас пока нет действующей наставнической пары. Когда куратор её утвердит, вы получите сообщение.
}
mypair-title = 🤝 <b>Пара № { $id }</b>, форма { $form }
mypair-child = Ребёнок: { $child }
mypair-partner-contact = { $role ->
    [mentor] Наставник
   *[mentee] Наставляемый
}: <a href="tg://user?id={ $tg }">{ $name }</a> — можно написать напрямую
mypair-partner-curator = { $role ->
    [mentor] Наставник
   *[mentee] Наставляемый
}: { $name } — связаться можно через куратора
mypair-curator = Куратор программы: <a href="tg://user?id={ $curator_tg }">{ $curator }</a> — можно написать, нажав на имя
mypair-status = Статус: { $status }
mypair-status-since = Статус: { $status } с { $since }
mypair-next-meeting = Ближайшая встреча: { $at }{ $kind ->
    [intro] , встреча-знакомство
    [trial] , пробная встреча
    [planning] , встреча-планирование
    [work] , рабочая встреча
    [final] , итоговая встреча
    [group] , групповая встреча
   *[other] {""}
}{ $online ->
    [yes] , онлайн
   *[no] {""}
}
mypair-no-meeting = Ближайших встреч не запланировано.
mypair-plan = План: { $share }
mypair-plan-empty = План пока пуст — /plan

pair-no-meeting-curator = ⏰ Пара № { $pair } ({ $mentor } → { $mentees }) не встречалась { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}: { $met ->
    [yes] последняя встреча была { $last }.
   *[no] встреч ещё не было, пара действует с { $last }.
} Узнайте, всё ли в порядке.
