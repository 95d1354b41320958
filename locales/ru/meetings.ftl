## Meetings, reminders and feedback

cmd-newmeeting = Назначить встречу
cmd-meetings = Мои встречи
cmd-feedback = Отзывы о встречах

meeting-kind-intro = знакомство
meeting-kind-trial = пробная встреча
meeting-kind-planning = планирование
meeting-kind-work = рабочая встреча
meeting-kind-final = итоговая встреча
meeting-kind-group = групповая встреча

meeting-choose-pair = С кем встреча?
meeting-choose-kind = Какая это встреча?
meeting-choose-day = { $you ->
    [ty] Выбери дату встречи или напиши её, например 25.12:
   *[vy] Выберите дату встречи или напишите её, например 25.12:
}
meeting-ask-time = { $you ->
    [ty] Во сколько начало? Напиши время по часам организации, например 17:30.
   *[vy] Во сколько начало? Напишите время по часам организации, например 17:30.
}
meeting-past-offer = Это время уже прошло. Записать встречу, которая уже состоялась? Тогда участники сразу получат форму отзыва.
meeting-btn-log-past = ✍️ Записать прошедшую встречу
meeting-btn-other-date = 📅 Выбрать другую дату
meeting-choose-duration = { $you ->
    [ty] Сколько она продлится? Выбери или напиши, например «40» или «1.5 ч».
   *[vy] Сколько она продлится? Выберите или напишите, например «40» или «1.5 ч».
}
## The words people may type after a number of minutes or hours (comma-separated, any case; never shown). Every
## language's words are accepted whatever the person's language.
meeting-duration-minute-words = м, мин, минут, минуты
meeting-duration-hour-words = ч, час, часа, часов
meeting-choose-format = Встреча очно или онлайн?
meeting-btn-offline = 🏫 Очно
meeting-btn-online = 💻 Онлайн
meeting-ask-place = { $you ->
    [ty] Где встречаетесь? Напиши место (кабинет, адрес).
   *[vy] Где встречаетесь? Напишите место (кабинет, адрес).
}
meeting-ask-link = { $you ->
    [ty] Пришли ссылку на онлайн-встречу (начинается с https://).
   *[vy] Пришлите ссылку на онлайн-встречу (начинается с https://).
}
meeting-confirm = { $logged ->
    [yes] Записать прошедшую встречу?
   *[no] Назначить встречу?
}
    { $kind }, { $when }, { $minutes } мин
    { $online ->
        [yes] Онлайн: { $place }
       *[no] Место: { $place }
    }
meeting-btn-create = ✅ Подтвердить
meeting-created = Встреча №{ NUMBER($id, useGrouping: 0) } назначена. Наставляемые получат приглашение, а перед встречей — напоминания.
meeting-logged = Встреча №{ NUMBER($id, useGrouping: 0) } записана. Участники получат форму отзыва.
meeting-moved-done = Встреча №{ NUMBER($id, useGrouping: 0) } перенесена на { $when }. Все участники получат сообщение.
meeting-cancelled-done = Встреча №{ NUMBER($id, useGrouping: 0) } отменена, участники предупреждены.

meeting-not-mentor = Назначать встречи может наставник действующей пары.
meeting-mentor-only = Это может сделать только наставник пары.
meeting-mentee-only = Ответить на приглашение может наставляемый этой встречи.
meeting-not-found = { $you ->
    [ty] Такой встречи у тебя нет. Твои встречи — /meetings
   *[vy] Такой встречи у вас нет. Ваши встречи — /meetings
}
meeting-not-upcoming = Эта встреча уже прошла или отменена.
meeting-was-cancelled = { $you ->
    [ty] Встреча { $when } отменена — эта кнопка больше не действует. Твои встречи — /meetings
   *[vy] Встреча { $when } отменена — эта кнопка больше не действует. Ваши встречи — /meetings
}
meeting-was-moved = Встреча перенесена на { $when } — эта кнопка больше не действует. Ответить или изменить встречу можно в /meetings
meeting-time-invalid = { $you ->
    [ty] Не понимаю время. Напиши часы и минуты, например 17:30 (часы от 0 до 23, минуты от 00 до 59).
   *[vy] Не понимаю время. Напишите часы и минуты, например 17:30 (часы от 0 до 23, минуты от 00 до 59).
}
meeting-date-invalid = { $you ->
    [ty] Такой даты нет. Напиши, например, 25.12 или 25.12.2026.
   *[vy] Такой даты нет. Напишите, например, 25.12 или 25.12.2026.
}
meeting-moment-invalid = { $you ->
    [ty] Напиши дату и время через пробел, например: 26.12 18:00
   *[vy] Напишите дату и время через пробел, например: 26.12 18:00
}
meeting-duration-invalid = Длительность — от { $low } минут до { $high } часов. Например: 45 или 1.5 ч.
meeting-place-invalid = { $you ->
    [ty] Напиши место встречи — не длиннее { $limit } символов.
   *[vy] Напишите место встречи — не длиннее { $limit } символов.
}
meeting-link-invalid = { $you ->
    [ty] Это не похоже на ссылку. Пришли адрес целиком, например https://telemost.yandex.ru/j/123
   *[vy] Это не похоже на ссылку. Пришлите адрес целиком, например https://telemost.yandex.ru/j/123
}
meeting-in-past = Это время уже прошло.
meeting-log-future = Записать можно только встречу, которая уже прошла.
meeting-too-far = Встречу можно назначить не дальше чем на год вперёд.
meeting-overlap = ⚠️ В это время уже есть { $count ->
        [one] встреча
       *[other] встречи
    }:
    { $meetings }
    Оставить так или выбрать другое время?
meeting-overlap-line = №{ NUMBER($id, useGrouping: 0) } · { $when } ({ $minutes } мин) · { $kind } · { $with }
meeting-btn-overlap-keep = ✅ Оставить так
meeting-btn-overlap-change = 🕒 Выбрать другое время
meeting-overlap-now = { $you ->
    [ty] Пока ты выбирал(а), на это время появилась встреча №{ NUMBER($id, useGrouping: 0) } ({ $when }).
   *[vy] Пока вы выбирали, на это время появилась встреча №{ NUMBER($id, useGrouping: 0) } ({ $when }).
}

meeting-invited = 📅 Наставник { $mentor } приглашает на встречу: { $kind }, { $when } ({ $minutes } мин). { $online ->
        [yes] Онлайн: { $place }
       *[no] Место: { $place }
    }
    { $you ->
        [ty] Придёшь?
       *[vy] Придёте?
    }
meeting-btn-confirm = ✅ Приду
meeting-btn-decline = ✖️ Не смогу
meeting-reminder = ⏰ Напоминание: { $kind } { $when }. { $online ->
        [yes] Ссылка: { $place }
       *[no] Место: { $place }
    }
meeting-moved = 📅 Встреча перенесена: было { $old }, теперь { $when } ({ $kind }, { $minutes } мин). { $online ->
        [yes] Онлайн: { $place }
       *[no] Место: { $place }
    }
    { $you ->
        [ty] Сможешь?
       *[vy] Сможете?
    }
meeting-cancelled = Встреча { $when } отменена наставником.
meeting-cancelled-pair-over = Встреча { $when } отменена: пара завершила работу.
# What an invitation (a move's notice, a feedback form) sent earlier says once its meeting is cancelled or moved:
# the message is edited and its buttons go.
meeting-message-cancelled = ❌ Встреча отменена: { $kind }, { $when }.
meeting-message-moved = ↪️ Встреча перенесена: { $kind }, было { $old }, теперь { $when }. Ответить можно в новом сообщении ниже.
meeting-confirmed-mentor = ✅ { $name } придёт на встречу { $when }.
meeting-declined-mentor = ✖️ { $name } не сможет прийти на встречу { $when }.
meeting-proposed-mentor = { $name } предлагает перенести встречу { $when } на { $proposed }. Перенести или отменить встречу можно в «Мои встречи».
meeting-answer-confirmed = { $you ->
    [ty] Отлично, ждём тебя! Напомню перед встречей.
   *[vy] Отлично, ждём вас! Напомню перед встречей.
}
meeting-answer-declined = { $you ->
    [ty] Понятно. Если удобно другое время, напиши его — например, 26.12 18:00, — и я передам наставнику. Или нажми «Без предложения».
   *[vy] Понятно. Если удобно другое время, напишите его — например, 26.12 18:00, — и я передам наставнику. Или нажмите «Без предложения».
}
meeting-btn-no-proposal = Без предложения
meeting-proposal-sent = Передал наставнику: { $when }.

meetings-none = Встреч пока нет. { $mentor ->
        [yes] Назначить — /newmeeting
       *[no] Наставник пришлёт приглашение.
    }
meetings-upcoming = Предстоящие встречи:
meetings-past = Прошедшие встречи:
meetings-line = №{ NUMBER($id, useGrouping: 0) } · { $when } · { $kind } · { $with } · { $status }
meetings-line-mentor = №{ NUMBER($id, useGrouping: 0) } · { $when } · { $kind } · { $answers }
meetings-answer = { $name } — { $response ->
    [confirmed] придёт
    [declined] не придёт
   *[pending] нет ответа
}
meetings-answer-proposed = { $name } — не придёт, предлагает { $proposed }
meeting-status-planned = { $response ->
    [confirmed] подтверждена
    [declined] { $you ->
        [ty] ты не сможешь
       *[vy] вы отказались
    }
   *[pending] ждёт ответа
}
meeting-status-held = состоялась
meeting-status-missed = не состоялась
meeting-status-cancelled = отменена
meeting-btn-move = Перенести №{ NUMBER($id, useGrouping: 0) }
meeting-btn-cancel = Отменить №{ NUMBER($id, useGrouping: 0) }
meeting-btn-yes = Приду на №{ NUMBER($id, useGrouping: 0) }
meeting-btn-no = Не смогу на №{ NUMBER($id, useGrouping: 0) }
meeting-move-day = { $you ->
    [ty] Перенос встречи №{ NUMBER($id, useGrouping: 0) }. Выбери новую дату или напиши её, например 25.12:
   *[vy] Перенос встречи №{ NUMBER($id, useGrouping: 0) }. Выберите новую дату или напишите её, например 25.12:
}

feedback-ask = 📝 Как прошла встреча { $when } ({ $kind })? Она состоялась?
feedback-remind = 📝 Напоминаю про отзыв о встрече { $when } ({ $kind }). Это займёт минуту. Она состоялась?
feedback-btn-yes = Да
feedback-btn-no = Нет
feedback-btn-moved = Перенесли
feedback-usefulness = Насколько встреча была полезной — от 1 до 10?
feedback-comment = { $you ->
    [ty] Хочешь что-то добавить? Напиши комментарий или нажми «Пропустить».
   *[vy] Хотите что-то добавить? Напишите комментарий или нажмите «Пропустить».
}
feedback-done = Что сделали на встрече? Коротко, для плана и куратора.
feedback-next-step = Какой следующий шаг?
feedback-btn-skip = Пропустить
feedback-thanks = Спасибо! Отзыв сохранён.
feedback-already = { $you ->
    [ty] Ты уже ответил(а) на эту форму — спасибо!
   *[vy] Вы уже ответили на эту форму — спасибо!
}
feedback-not-yours = { $you ->
    [ty] Эта форма не для тебя.
   *[vy] Эта форма не для вас.
}
feedback-too-early = Встреча ещё не началась — отзыв можно оставить после неё.
feedback-incomplete = { $you ->
    [ty] Сначала ответь, состоялась ли встреча.
   *[vy] Сначала ответьте, состоялась ли встреча.
}
feedback-too-long = Слишком длинно: не больше { $limit } символов.
feedback-pending = { $count ->
    [0] Все отзывы оставлены — спасибо!
    [one] Ждёт отзыва { $count } встреча:
    [few] Ждут отзыва { $count } встречи:
   *[many] Ждут отзыва { $count } встреч:
}

alert-low-rating = ⚠️ Низкая оценка встречи пары №{ NUMBER($pair, useGrouping: 0) } ({ $when }): { $name } поставил(а) { $rating } из 10. Стоит поговорить с парой.
alert-missed-twice = ⚠️ У пары №{ NUMBER($pair, useGrouping: 0) } вторая встреча подряд не состоялась ({ $when }). Стоит узнать, что мешает.
