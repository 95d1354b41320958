## Опросы удовлетворённости (/survey, /campaign) и объявления (/broadcast)

cmd-survey = Мои опросы
cmd-campaign = Опросы: открыть и посмотреть ответы
cmd-broadcast = Объявление участникам

## Приглашения и напоминания (приходят сами)

survey-invitation-calendar = { $you ->
    [ty] 📋 «{ $organisation }» проводит опрос о программе наставничества. Ответь, пожалуйста, на несколько вопросов до { $deadline } — это займёт пару минут.
   *[vy] 📋 «{ $organisation }» проводит опрос о программе наставничества. Ответьте, пожалуйста, на несколько вопросов до { $deadline } — это займёт пару минут.
}
survey-invitation-pair_end = { $you ->
    [ty] 📋 Работа твоей наставнической пары в «{ $organisation }» завершена. Расскажи, пожалуйста, как всё прошло: опрос открыт до { $deadline }.
   *[vy] 📋 Работа вашей наставнической пары в «{ $organisation }» завершена. Расскажите, пожалуйста, как всё прошло: опрос открыт до { $deadline }.
}
survey-invitation-manual = 📋 Куратор «{ $organisation }» просит ответить на короткий опрос о программе наставничества до { $deadline }.
survey-reminder = { $you ->
    [ty] 🔔 Напоминаем об опросе «{ $organisation }»: он открыт до { $deadline }. Твои ответы помогут сделать программу лучше.
   *[vy] 🔔 Напоминаем об опросе «{ $organisation }»: он открыт до { $deadline }. Ваши ответы помогут сделать программу лучше.
}
survey-btn-open = 📝 Пройти опрос

## Участник

survey-title-mentee = Опрос наставляемого
survey-title-mentor = Опрос наставника
survey-not-registered = Опросы — для участников программы. Чтобы участвовать, откройте ссылку-приглашение от куратора.
survey-none = { $you ->
    [ty] Сейчас для тебя нет открытых опросов. Когда куратор или календарь программы откроют опрос, я пришлю приглашение.
   *[vy] Сейчас для вас нет открытых опросов. Когда куратор или календарь программы откроют опрос, я пришлю приглашение.
}
survey-list-title = { $count ->
    [one] Для { $you ->
        [ty] тебя
       *[vy] вас
    } открыт { $count } опрос:
    [few] Для { $you ->
        [ty] тебя
       *[vy] вас
    } открыто { $count } опроса:
   *[other] Для { $you ->
        [ty] тебя
       *[vy] вас
    } открыто { $count } опросов:
}
survey-list-line = { $answered ->
    [yes] ✅ { $title } · { $organisation } — ответ получен, изменить можно до { $closes }
   *[no] ▫️ { $title } · { $organisation } — до { $closes }
}
survey-btn-open-named = 📝 { $title }
survey-btn-change = ✏️ { $title }: изменить ответы
survey-not-found = Такого опроса нет.
survey-not-invited = { $you ->
    [ty] Этот опрос не для тебя: ответить могут только приглашённые участники.
   *[vy] Этот опрос не для вас: ответить могут только приглашённые участники.
}
survey-closed = Этот опрос уже закрыт — ответы больше не принимаются. Спасибо!
survey-finished = Спасибо! Ответы на «{ $title }» сохранены. До закрытия опроса их можно изменить — кнопка «Опрос» в меню.

## Куратор: /campaign

campaign-ask-organisation = Для какой организации?
campaign-title = 📋 Опросы удовлетворённости
campaign-line = №{ $id } · { $role } · { $reason } · до { $closes }: ответили { $answered } из { $invited }
campaign-none-open = Открытых опросов нет. Календарь программы открывает их сам: за две недели до 20 мая и до 20 декабря, а также при завершении пары.
campaign-start-hint = Открыть опрос сейчас — кого спросить?
campaign-audience-mentee = Наставляемых
campaign-audience-mentor = Наставников
campaign-audience-both = Всех: наставляемых и наставников
campaign-role-mentee = наставляемые
campaign-role-mentor = наставники
campaign-reason-calendar = по календарю
campaign-reason-pair_end = завершение пары
campaign-reason-manual = открыт куратором
campaign-ask-date = Опрос для: { $audience }. До какого дня принимать ответы? Напишите дату в виде ДД.ММ.ГГГГ — опрос закроется в 23:59 этого дня.
campaign-started = Опрос открыт ({ $roles }), до { $closes }. { $invited ->
    [one] Приглашение получит { $invited } участник
    [few] Приглашения получат { $invited } участника
   *[other] Приглашения получат { $invited } участников
}; кто не ответит, получит не больше двух напоминаний (не ночью).
campaign-date-format = Не получилось прочитать дату. Напишите её в виде ДД.ММ.ГГГГ, например 20.12.2026.
campaign-date-impossible = Такой даты нет в календаре. Проверьте день и месяц.
campaign-date-past = Эта дата уже прошла. Укажите сегодняшнюю или будущую дату.
campaign-date-too-far = Опрос можно открыть не больше чем на { $days } дней.
campaign-no-role = Выберите, кого спросить.
campaign-nobody = Спрашивать пока некого: опрос получают участники с действующей наставнической парой (или парой, завершённой за последние полгода).
campaign-already-open = Такой опрос с этой датой закрытия уже открыт сегодня.

## Куратор: /broadcast

broadcast-ask-organisation = Объявление для какой организации?
broadcast-ask-audience = Кому отправить объявление?
broadcast-audience-mentees = Наставляемым
broadcast-audience-mentors = Наставникам
broadcast-audience-guardians = Родителям (законным представителям)
broadcast-audience-everyone = Всем в организации
broadcast-ask-text = Получатели: { $audience }. Напишите текст объявления одним сообщением (до { $max } символов).
broadcast-preview = Получатели: { $audience } — { $count ->
    [one] { $count } человек
    [few] { $count } человека
   *[other] { $count } человек
}. Так они увидят сообщение:
broadcast-message = 📣 { $organisation }: { $text }
broadcast-btn-send = 📤 Отправить
broadcast-btn-edit = ✏️ Изменить текст
broadcast-sent = Объявление поставлено в очередь: { $count ->
    [one] { $count } получатель
    [few] { $count } получателя
   *[other] { $count } получателей
}. Ночью сообщения ждут утра.
broadcast-cancelled = Объявление отменено, ничего не отправлено.
broadcast-text-empty = Текст объявления пустой. Напишите, что хотите сообщить.
broadcast-text-too-long = Слишком длинный текст: { $length } символов, можно не больше { $max }.
broadcast-text-bad-chars = В тексте есть невидимые управляющие символы. Уберите их и отправьте текст ещё раз.
