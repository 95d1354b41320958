## Pairs: matching, the curator's decisions

cmd-match = Подобрать пары
cmd-pending = Предложенные пары
cmd-approve = Утвердить пару: /approve номер
cmd-reject = Отклонить пару: /reject номер [причина]
cmd-pairs = Все пары и их статус

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
pair-more = { $count ->
    [one] …и ещё { $count } пара — утвердите их командой /approve номер.
    [few] …и ещё { $count } пары — утвердите их командой /approve номер.
   *[many] …и ещё { $count } пар — утвердите их командой /approve номер.
}
pair-list = { $count ->
    [0] Пар пока нет. Подобрать — /match
    [one] { $count } пара, действующих: { $live }
    [few] { $count } пары, действующих: { $live }
   *[many] { $count } пар, действующих: { $live }
}
pair-card = №{ $id } · { $mentor } — { $mentees }
    Форма { $form }, совпадение { $score } из 100 · { $status }
pair-why = Почему: { $reasons }
pair-concerns = Учтите: { $reasons }
pair-rejected-because = Причина отказа: { $reason }
pair-order = Приказ № { $number }
pair-erased-person = (данные удалены)
pair-btn-approve = ✅ Утвердить
pair-btn-reject = ✖️ Отклонить
pair-approved = Пара №{ $id } утверждена.
pair-rejected = Пара №{ $id } отклонена.
pair-approve-usage = Укажите номер пары: /approve 12 (можно добавить номер приказа: /approve 12 45-о). Номера — в /pending.
pair-reject-usage = Укажите номер пары: /reject 12, можно с причиной: /reject 12 не совпадает расписание. Номера — в /pending.

pair-status-proposed = предложена
pair-status-approved = утверждена, ждёт согласий
pair-status-active = действует
pair-status-completed = завершена
pair-status-ended = прекращена
pair-status-rejected = отклонена

pair-reason-shared_requests = оба: { $items }
pair-reason-shared_subjects = предметы: { $items }
pair-reason-shared_interests = общие интересы: { $items }
pair-reason-same_format = формат: { $format }
pair-reason-common_slots = оба свободны: { $slots }
pair-reason-uncovered_requests = наставник не указал: { $items }
pair-reason-format_mismatch = не совпадает формат встреч ({ $mentor } / { $mentee })
pair-reason-no_common_slots = нет общего свободного времени

pair-not-found = Пары №{ $id } нет. Номера пар — в /pending и /pairs.
pair-not-proposed = По паре №{ $id } решение уже принято.
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

## Told when a pair becomes active
pair-told-mentor-contact = Куратор утвердил наставническую пару: ваш наставляемый — { $partner }. Напишите ему: <a href="tg://user?id={ $partner_tg }">{ $partner }</a>.
pair-told-mentor-curator = Куратор утвердил наставническую пару: ваш наставляемый — { $partner }. Контакт не раскрыт — договориться о первой встрече поможет куратор.
pair-told-mentee-contact = Куратор утвердил наставническую пару: ваш наставник — { $partner }. Написать наставнику: <a href="tg://user?id={ $partner_tg }">{ $partner }</a>.
pair-told-mentee-curator = Куратор утвердил наставническую пару: ваш наставник — { $partner }. Контакт не раскрыт — связаться с наставником поможет куратор.
pair-told-guardian-mentee-contact = У { $child } теперь есть наставник — { $partner } (<a href="tg://user?id={ $partner_tg }">написать</a>).
pair-told-guardian-mentee-curator = У { $child } теперь есть наставник — { $partner }. Связаться с наставником можно через куратора.
pair-told-guardian-mentor-contact = { $child } теперь наставник для { $partner } (<a href="tg://user?id={ $partner_tg }">написать</a>).
pair-told-guardian-mentor-curator = { $child } теперь наставник для { $partner }. Связаться можно через куратора.
