## Pairs: matching, the curator's decisions

cmd-match = Подобрать пары
cmd-pending = Предложенные пары
cmd-approve = Утвердить пару: /approve номер
cmd-reject = Отклонить пару: /reject номер [причина]
cmd-pairs = Все пары и их статус
cmd-propose = Составить пару вручную: /propose наставник наставляемый
cmd-endpair = Завершить пару досрочно: /endpair номер причина
cmd-completepair = Пара прошла программу: /completepair номер
cmd-requests = Просьбы сменить наставника
cmd-changementor = Попросить другого наставника

pair-suggested = { $count ->
    [0] Подходящих пар не нашлось: проверьте, что наставники и наставляемые заполнили анкеты и дали согласия.
    [one] Предлагаю { $count } пару. Утвердите или отклоните её:
    [few] Предлагаю { $count } пары. Утвердите или отклоните каждую:
   *[many] Предлагаю { $count } пар. Утвердите или отклоните каждую:
}
pair-pending = { $count ->
    [0] Предложенных пар нет. Подобрать — /match
    [one] Ждёт решения { $count } пара:
    [few] Ждут решения { $count } пары:
   *[many] Ждут решения { $count } пар:
}
pair-list = { $count ->
    [0] Пар пока нет. Подобрать — /match
    [one] { $count } пара, действующих: { $live }
    [few] { $count } пары, действующих: { $live }
   *[many] { $count } пар, действующих: { $live }
}
pair-card = №{ NUMBER($id, useGrouping: 0) } · { $mentor } — { $mentees }
    { $group ->
        [1] Форма
       *[other] Группа из { $group } наставляемых, форма
    } { $form }, совпадение { $score } из 100 · { $status }
pair-group-member = { $name }:
pair-suggested-groups = { $count ->
    [one] Среди них { $count } группа: один наставник и несколько наставляемых.
    [few] Среди них { $count } группы: один наставник и несколько наставляемых.
   *[many] Среди них { $count } групп: один наставник и несколько наставляемых.
}
pair-ended-because = Причина завершения: { $reason }
pair-order-dated = Приказ № { $number } от { $date }
pair-approved-waiting = Пара №{ NUMBER($id, useGrouping: 0) } утверждена и ждёт согласий: она начнёт работу, когда все участники (или их родители) дадут согласия. Тогда им придёт сообщение, а вам — уведомление.
pair-approved-waiting-short = Пара №{ NUMBER($id, useGrouping: 0) } утверждена и ждёт согласий.
pair-proposed = Пара №{ NUMBER($id, useGrouping: 0) } предложена. Утвердите её кнопкой или командой /approve { NUMBER($id, useGrouping: 0) }.
pair-propose-usage = Укажите номер наставника и номер наставляемого: /propose 12 34. Номера участников — в /participants.
pair-person-not-found = Участника №{ NUMBER($id, useGrouping: 0) } нет среди наставников и наставляемых вашей организации. Номера — в /participants.
pair-order-date-invalid = Не понимаю дату приказа «{ $text }». Напишите её так: 01.09.2026 (например, /approve 12 45-о от 01.09.2026). Пара не утверждена.
pair-order-date-missing = После «от» нужна дата приказа: /approve 12 45-о от 01.09.2026. Пара не утверждена.
# The words that may stand before an order's date, comma-separated; every language's are accepted.
pair-order-date-words = от
pair-order-date-without-number = Дата приказа без номера: /approve 12 45-о от 01.09.2026. Пара не утверждена.
pair-not-live = Пара №{ NUMBER($id, useGrouping: 0) } сейчас не действует: завершить можно только утверждённую или действующую пару.
pair-end-usage = Укажите номер пары и причину: /endpair 12 наставник переехал. Номера — в /pairs.
pair-end-reason-needed = Напишите причину после номера пары: /endpair 12 наставник переехал. Её увидят участники пары.
pair-complete-usage = Укажите номер пары: /completepair 12. Номера — в /pairs.
pair-ended = Пара №{ NUMBER($id, useGrouping: 0) } завершена досрочно. Участникам придёт сообщение, { $mentees ->
    [one] наставляемый снова участвует в подборе.
   *[other] наставляемые снова участвуют в подборе.
}
pair-completed = Пара №{ NUMBER($id, useGrouping: 0) } отмечена как прошедшая программу. Участникам придёт сообщение.
pair-activated-curator = Пара №{ NUMBER($id, useGrouping: 0) } ({ $mentor } — { $mentees }) начала работу: все согласия получены, участникам сообщено.
pair-why = Почему подходят: { $reasons }
pair-concerns = Учтите: { $reasons }
pair-rejected-because = Причина отказа: { $reason }
pair-order = Приказ № { $number }
pair-erased-person = (данные удалены)
pair-btn-approve = ✅ Утвердить
pair-btn-reject = ✖️ Отклонить
pair-approved = Пара №{ NUMBER($id, useGrouping: 0) } утверждена.
pair-rejected = Пара №{ NUMBER($id, useGrouping: 0) } отклонена.
pair-approve-usage = Укажите номер пары: /approve 12 (можно добавить номер и дату приказа: /approve 12 45-о от 01.09.2026). Номера — в /pending.
pair-reject-usage = Укажите номер пары: /reject 12, можно с причиной: /reject 12 не совпадает расписание. Номера — в /pending.

pair-status-proposed = предложена
pair-status-approved = утверждена, ждёт согласий
pair-status-active = действует
pair-status-completed = завершена
pair-status-ended = прекращена
pair-status-rejected = отклонена

pair-reason-shared_requests = запросы совпадают с умениями наставника — { $items }
pair-reason-shared_subjects = общие предметы — { $items }
pair-reason-shared_interests = общие интересы — { $items }
pair-reason-same_format = один формат встреч — { $format }
pair-reason-common_slots = есть общее свободное время — { $slots }
pair-reason-uncovered_requests = наставник не указал — { $items }
pair-reason-format_mismatch = не совпадает формат встреч ({ $mentor } / { $mentee })
pair-reason-no_common_slots = нет общего свободного времени

pair-not-found = Пары №{ NUMBER($id, useGrouping: 0) } нет. Номера пар — в /pending и /pairs.
pair-not-proposed = По паре №{ NUMBER($id, useGrouping: 0) } решение уже принято.
pair-not-candidate = { $side ->
    [mentor] Наставник
   *[mentee] Наставляемый
} сейчас не может участвовать в подборе: нет действующего участия с согласиями.
pair-mentee-taken = У наставляемого уже есть утверждённая пара в этой форме — её только что утвердили.
pair-reason-too-long = Причина слишком длинная: не больше { $limit } символов.
pair-order-too-long = Номер приказа слишком длинный: не больше { $limit } символов.

pair-violation-same_person = Нельзя назначить человека наставником самому себе.
pair-violation-wrong_role = { $side ->
    [mentor] Этот участник не наставник.
   *[mentee] Этот участник не наставляемый.
}
pair-violation-no_form = Для таких категорий наставника и наставляемого нет формы наставничества.
pair-violation-form_disabled = Эта форма наставничества не включена в организации.
pair-violation-invitation_form = { $side ->
    [mentor] Наставник
   *[mentee] Наставляемый
} приглашён в другую форму наставничества.
pair-violation-mentor_age = Наставнику-школьнику должно быть от { $low } до { $high } лет, а ему { $age }.
pair-violation-age_unknown = Неизвестен возраст { $side ->
    [mentor] наставника
   *[mentee] наставляемого
}: для наставника-школьника он нужен.
pair-violation-age_gap = Наставник-школьник должен быть старше наставляемого хотя бы на { $min_gap } г. (сейчас { $mentor_age } и { $mentee_age }).
pair-violation-no_capacity = У наставника нет свободных мест: { $load } из { $capacity }.
pair-violation-other_organisation = Наставник из другой организации.
pair-violation-already_paired = У наставляемого уже есть пара в этой форме наставничества.

## Told when a pair becomes active. Where a partner's contact is not shown, the curator is named, with a link to
## write to them (`curator-who`, shared by these texts and /mypair).
curator-who = { $curator_tg ->
    [none] куратор
   *[other] куратор <a href="tg://user?id={ $curator_tg }">{ $curator }</a> ({ $you ->
        [ty] нажми
       *[vy] нажмите
    } на имя, чтобы написать)
}
pair-told-mentor-contact = Куратор утвердил наставническую пару: { $you ->
    [ty] твой
   *[vy] ваш
} наставляемый — { $partner }. Написать: <a href="tg://user?id={ $partner_tg }">{ $partner }</a>.
pair-told-mentor-curator = Куратор утвердил наставническую пару: { $you ->
    [ty] твой
   *[vy] ваш
} наставляемый — { $partner }. Контакт не раскрыт — договориться о первой встрече поможет { curator-who }.
pair-told-mentee-contact = Куратор утвердил наставническую пару: { $you ->
    [ty] твой
   *[vy] ваш
} наставник — { $partner }. Написать наставнику: <a href="tg://user?id={ $partner_tg }">{ $partner }</a>.
pair-told-mentee-curator = Куратор утвердил наставническую пару: { $you ->
    [ty] твой
   *[vy] ваш
} наставник — { $partner }. Контакт не раскрыт — связаться с наставником поможет { curator-who }.
pair-told-guardian-mentee-contact = Вашему ребёнку ({ $child }) назначен наставник — { $partner } (<a href="tg://user?id={ $partner_tg }">написать</a>).
pair-told-guardian-mentee-curator = Вашему ребёнку ({ $child }) назначен наставник — { $partner }. Связаться с наставником поможет { curator-who }.
pair-told-guardian-mentor-contact = Ваш ребёнок ({ $child }) стал наставником; наставляемый — { $partner } (<a href="tg://user?id={ $partner_tg }">написать</a>).
pair-told-guardian-mentor-curator = Ваш ребёнок ({ $child }) стал наставником; наставляемый — { $partner }. Связаться поможет { curator-who }.

## Ending a pair: what each side is told
## Who ended the pair, with a link to write to them (`curator_tg` is "none" when no curator can be named).
pair-over-by-curator = { $curator_tg ->
    [none] по решению куратора программы
   *[other] по решению куратора — <a href="tg://user?id={ $curator_tg }">{ $curator }</a>
}
pair-over-ask-curator = { $curator_tg ->
    [none] { $you ->
        [ty] Если есть вопросы, обратись к куратору программы.
       *[vy] Если есть вопросы, обратитесь к куратору программы.
    }
   *[other] { $you ->
        [ty] Если есть вопросы, нажми на имя куратора, чтобы написать.
       *[vy] Если есть вопросы, нажмите на имя куратора, чтобы написать.
    }
}
pair-over-completed = Наставническая пара №{ NUMBER($id, useGrouping: 0) } ({ $partner }) завершена: программа пройдена. { $you ->
    [ty] Спасибо за твою работу!
   *[vy] Спасибо за вашу работу!
}
pair-over-ended = Наставническая пара №{ NUMBER($id, useGrouping: 0) } ({ $partner }) завершена { pair-over-by-curator }. { pair-over-ask-curator }
pair-over-ended-reason = Наставническая пара №{ NUMBER($id, useGrouping: 0) } ({ $partner }) завершена { pair-over-by-curator }. Причина: { $reason }
    { pair-over-ask-curator }
pair-over-request-granted = { $you ->
    [ty] Куратор выполнил твою просьбу
   *[vy] Куратор выполнил вашу просьбу
}: пара №{ NUMBER($id, useGrouping: 0) } { $partner_ins_ok ->
    [yes] с наставником { $partner_ins }
   *[no] (наставник — { $partner })
} завершена. { $you ->
    [ty] Мы подберём тебе нового наставника.
   *[vy] Мы подберём вам нового наставника.
}
pair-over-request-granted-waiting = { $you ->
    [ty] Куратор выполнил твою просьбу: пара №{ NUMBER($id, useGrouping: 0) } отменена. Мы подберём тебе нового наставника.
   *[vy] Куратор выполнил вашу просьбу: пара №{ NUMBER($id, useGrouping: 0) } отменена. Мы подберём вам нового наставника.
}
pair-over-guardian-child = { $child_gen_ok ->
    [yes] Наставническая пара { $child_gen } ({ $partner })
   *[no] Наставническая пара вашего ребёнка ({ $child }; { $partner })
}
pair-over-guardian-completed = { pair-over-guardian-child } завершена: программа пройдена.
pair-over-guardian-ended = { pair-over-guardian-child } завершена { pair-over-by-curator }. { pair-over-ask-curator }
pair-over-guardian-ended-reason = { pair-over-guardian-child } завершена { pair-over-by-curator }. Причина: { $reason }
    { pair-over-ask-curator }
pair-over-guardian-request-granted = { $child_gen_ok ->
    [yes] По просьбе { $child_gen } куратор завершил пару { $partner_ins_ok ->
        [yes] с наставником { $partner_ins }
       *[no] (наставник — { $partner })
    }; подберём нового наставника.
   *[no] Ваш ребёнок ({ $child }) попросил другого наставника: куратор завершил пару (наставник — { $partner }); подберём нового наставника.
}

## Asking for another mentor
pair-change-only-mentee = Попросить другого наставника может только сам наставляемый.
pair-change-no-pair = { $you ->
    [ty] У тебя нет утверждённой пары с наставником, так что менять пока некого.
   *[vy] У вас нет утверждённой пары с наставником, так что менять пока некого.
}
pair-change-choose = О какой паре речь?
pair-change-choice = №{ NUMBER($id, useGrouping: 0) } · наставник { $mentor }
pair-change-choice-waiting = №{ NUMBER($id, useGrouping: 0) } · пара ещё не началась
pair-change-ask = { $you ->
    [ty] Напиши коротко, почему ты хочешь другого наставника (до { $limit } знаков). Это прочитает только куратор — наставник твоих слов не увидит.
   *[vy] Напишите коротко, почему вы хотите другого наставника (до { $limit } знаков). Это прочитает только куратор — наставник ваших слов не увидит.
}
pair-change-reason-empty = { $you ->
    [ty] Напиши причину словами — хотя бы одно предложение.
   *[vy] Напишите причину словами — хотя бы одно предложение.
}
pair-change-reason-too-long = Слишком длинно: { $length } { $length ->
    [one] знак
    [few] знака
   *[many] знаков
}, а можно до { $limit }. { $you ->
    [ty] Сократи, пожалуйста.
   *[vy] Сократите, пожалуйста.
}
pair-change-already-open = { $you ->
    [ty] Ты уже попросил(а) другого наставника в этой паре — куратор ещё не ответил. Мы сообщим, когда он решит.
   *[vy] Вы уже попросили другого наставника в этой паре — куратор ещё не ответил. Мы сообщим, когда он решит.
}
pair-change-sent = { $you ->
    [ty] Спасибо, куратор получил твою просьбу. Когда он решит, тебе придёт сообщение.
   *[vy] Спасибо, куратор получил вашу просьбу. Когда он решит, вам придёт сообщение.
}
pair-change-curator = { $mentee } просит сменить наставника (пара №{ NUMBER($pair, useGrouping: 0) }, запрос №{ NUMBER($id, useGrouping: 0) }). Посмотреть и решить — «Просьбы о смене».
pair-change-kept = { $you ->
    [ty] Куратор рассмотрел твою просьбу сменить наставника и пока решил оставить пару №{ NUMBER($id, useGrouping: 0) }. Он свяжется с тобой, чтобы обсудить.
   *[vy] Куратор рассмотрел вашу просьбу сменить наставника и пока решил оставить пару №{ NUMBER($id, useGrouping: 0) }. Он свяжется с вами, чтобы обсудить.
}
pair-change-list = { $count ->
    [0] Просьб сменить наставника нет.
    [one] { $count } просьба сменить наставника:
    [few] { $count } просьбы сменить наставника:
   *[many] { $count } просьб сменить наставника:
}
pair-change-card = Запрос №{ NUMBER($id, useGrouping: 0) } от { $date }: { $mentee } просит другого наставника (пара №{ NUMBER($pair, useGrouping: 0) }).
pair-change-card-reason = Причина (видите только вы): { $reason }
pair-change-btn-end = Завершить пару и вернуть в подбор
pair-change-btn-keep = Оставить пару
pair-change-ended = Запрос №{ NUMBER($id, useGrouping: 0) }: пара №{ NUMBER($pair, useGrouping: 0) } завершена, наставляемый снова участвует в подборе.
pair-change-kept-curator = Запрос №{ NUMBER($id, useGrouping: 0) }: пара №{ NUMBER($pair, useGrouping: 0) } остаётся. Наставляемому сообщено.
pair-change-not-found = Запроса №{ NUMBER($id, useGrouping: 0) } нет.
pair-change-decided = По запросу №{ NUMBER($id, useGrouping: 0) } решение уже принято.
