## The curator's cards: /pairs, /pending, /match, /requests, and "propose a mentor" in /participants

curation-ask-organisation = Какая организация?
pair-number = №{ NUMBER($id, useGrouping: 0) }
pair-list-hint = Нажмите на пару, чтобы открыть её карточку с действиями.
pair-btn-end = ⏹ Завершить досрочно
pair-btn-complete = 🎓 Программа пройдена

decision-ask-order = Утверждаем пару №{ NUMBER($id, useGrouping: 0) }. Напишите номер приказа и его дату, например: 45-о от 01.09.2026 (номер — до { $order_limit } знаков). Если приказа нет, нажмите «Утвердить без приказа».
decision-btn-no-order = Утвердить без приказа
decision-ask-reject = Отклоняем пару №{ NUMBER($id, useGrouping: 0) }: подбор больше не предложит этих двоих вместе. Напишите причину (до { $limit } знаков) — её увидите только вы — или нажмите «Отклонить без причины».
decision-btn-no-reason = Отклонить без причины
decision-ask-end = Завершаем пару №{ NUMBER($id, useGrouping: 0) } досрочно. Напишите причину (до { $limit } знаков): её увидят участники пары и родители несовершеннолетних.
decision-ask-complete = Отметить пару №{ NUMBER($id, useGrouping: 0) } как прошедшую программу? Участникам придёт сообщение, пара перестанет действовать.
decision-btn-complete = Да, программа пройдена
decision-typed-empty = Напишите текст словами или воспользуйтесь кнопками ниже.

match-position = Предложение { $number } из { $total }:
match-proposal-gone = Предложения №{ NUMBER($id, useGrouping: 0) } больше нет: его заменил новый подбор. Запустите /match ещё раз.
match-btn-skip = ⏭ Пропустить
match-btn-unmatched = Кто остался без наставника
match-btn-proposals = ← К предложениям
match-nothing-else = Других предложений, ждущих решения, нет.
match-unmatched-count = { $unmatched ->
    [one] Без наставника остался { $unmatched } наставляемый — почему, покажет кнопка ниже.
    [few] Без наставника остались { $unmatched } наставляемых — почему, покажет кнопка ниже.
   *[many] Без наставника остались { $unmatched } наставляемых — почему, покажет кнопка ниже.
}
match-unmatched-title = { $count ->
    [0] Все наставляемые получили предложение или уже в паре.
    [one] Без наставника остался { $count } наставляемый:
    [few] Без наставника остались { $count } наставляемых:
   *[many] Без наставника остались { $count } наставляемых:
}
match-unmatched-line = • { $name } — { $reasons }
match-unmatched-no_mentors = в организации пока нет наставников с согласиями
match-unmatched-mentors_taken = { $mentors ->
    [one] подходит { $mentors } наставник, но его место досталось другому наставляемому
    [few] подходят { $mentors } наставника, но их места достались другим наставляемым
   *[many] подходят { $mentors } наставников, но их места достались другим наставляемым
}
match-excluded-same_person = { $mentors ->
    [one] { $mentors } наставник — это он сам
    [few] { $mentors } наставника — это он сам
   *[other] { $mentors } наставников — это он сам
}
match-excluded-wrong_role = { $mentors ->
    [one] { $mentors } наставник не подходит по роли
    [few] { $mentors } наставника не подходят по роли
   *[other] { $mentors } наставников не подходят по роли
}
match-excluded-no_form = { $mentors ->
    [one] с { $mentors } наставником нет общей формы наставничества по категориям
   *[other] с { $mentors } наставниками нет общей формы наставничества по категориям
}
match-excluded-form_disabled = { $mentors ->
    [one] с { $mentors } наставником была бы форма, не включённая в организации
   *[other] с { $mentors } наставниками была бы форма, не включённая в организации
}
match-excluded-invitation_form = { $mentors ->
    [one] { $mentors } наставник (или он сам) приглашён в другую форму наставничества
    [few] { $mentors } наставника (или он сам) приглашены в другую форму наставничества
   *[other] { $mentors } наставников (или он сам) приглашены в другую форму наставничества
}
match-excluded-mentor_age = { $mentors ->
    [one] у { $mentors } наставника-школьника возраст не от 15 до 19 лет
   *[other] у { $mentors } наставников-школьников возраст не от 15 до 19 лет
}
match-excluded-age_unknown = { $mentors ->
    [one] с { $mentors } наставником-школьником неизвестен чей-то возраст
   *[other] с { $mentors } наставниками-школьниками неизвестен чей-то возраст
}
match-excluded-age_gap = { $mentors ->
    [one] { $mentors } наставник-школьник недостаточно старше
    [few] { $mentors } наставника-школьника недостаточно старше
   *[other] { $mentors } наставников-школьников недостаточно старше
}
match-excluded-no_capacity = { $mentors ->
    [one] у { $mentors } наставника нет свободных мест
   *[other] у { $mentors } наставников нет свободных мест
}
match-excluded-other_organisation = { $mentors ->
    [one] { $mentors } наставник из другой организации
    [few] { $mentors } наставника из другой организации
   *[other] { $mentors } наставников из другой организации
}
match-excluded-already_paired = { $mentors ->
    [one] уже есть пара в форме, которую дал бы { $mentors } наставник
    [few] уже есть пара в форме, которую дали бы { $mentors } наставника
   *[other] уже есть пара в форме, которую дали бы { $mentors } наставников
}
match-excluded-turned_down = { $mentors ->
    [one] { $mentors } наставника вы для него уже отклоняли (или пара с ним завершена)
   *[other] { $mentors } наставников вы для него уже отклоняли (или пары с ними завершены)
}

pair-change-item-pair = пара №{ NUMBER($pair, useGrouping: 0) }
pair-change-btn-end-reason = Завершить пару со своей причиной

participants-propose-mentor = 🤝 Предложить наставника
participants-mentors-title = Наставляемый: { $name }.
    { $count ->
        [0] Подходящих наставников сейчас нет: у всех нет мест, не подходит форма или возраст, или анкеты не заполнены.
       *[other] Подходящие наставники, лучшие — первыми. Нажмите на наставника, чтобы предложить пару (потом её нужно утвердить).
    }
participants-mentor-line = { $number }. { $name } — совпадение { $score } из 100, свободных мест: { $free }
