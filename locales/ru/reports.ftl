## Figures and reports: /counts, /stats, /export

cmd-counts = Численность для показателей: /counts ключ число
cmd-stats = Показатели и график
cmd-export = Выгрузка в Excel (XLSX)

## Indicators (definitions from the seed roadmaps)

kpi-mentees_10_19 = Доля обучающихся 10–19 лет в роли наставляемого
kpi-mentees_10_19-def = Отношение количества детей и молодёжи 10–19 лет, вошедших в программы наставничества в роли наставляемого (с оформленными согласиями), к общему количеству обучающихся 10–19 лет в организации. Возраст — на 1 января учебного года.
kpi-mentees_10_19-short = Наставляемые 10–19 лет
kpi-mentors_15_19 = Доля обучающихся 15–19 лет в роли наставника
kpi-mentors_15_19-def = Отношение количества детей и молодёжи 15–19 лет, вошедших в программы наставничества в роли наставника, к общему количеству обучающихся 15–19 лет в организации.
kpi-mentors_15_19-short = Наставники 15–19 лет
kpi-teachers = Доля педагогов (в т. ч. молодых специалистов) в роли наставляемого
kpi-teachers-def = Отношение количества педагогов, в том числе молодых специалистов, вошедших в программы наставничества в роли наставляемого, к общему количеству педагогов организации.
kpi-teachers-short = Педагоги-наставляемые
kpi-pupils_involved = Доля обучающихся, вовлечённых в наставничество
kpi-pupils_involved-def = Обучающиеся (школьники и студенты) в любой роли — наставника или наставляемого, каждый один раз — к общему количеству обучающихся организации.
kpi-pupils_involved-short = Вовлечённые обучающиеся
kpi-sat_mentees = Удовлетворённость наставляемых
kpi-sat_mentees-def = Доля ответов наставляемых на опросы периода с общей оценкой не ниже порога (7 из 10) среди всех ответов с общей оценкой.
kpi-sat_mentees-short = Удовлетворённость наставляемых
kpi-sat_mentors = Удовлетворённость наставников
kpi-sat_mentors-def = Доля ответов наставников на опросы периода с общей оценкой не ниже порога (7 из 10) среди всех ответов с общей оценкой.
kpi-sat_mentors-short = Удовлетворённость наставников
kpi-response_mentees = Ответили на опросы (наставляемые)
kpi-response_mentees-def = Ответившие наставляемые к числу приглашённых на опросы периода.
kpi-response_mentees-short = Ответили наставляемые
kpi-response_mentors = Ответили на опросы (наставники)
kpi-response_mentors-def = Ответившие наставники к числу приглашённых на опросы периода.
kpi-response_mentors-short = Ответили наставники
kpi-consents = Оформлены согласия
kpi-consents-def = Участия наставников и наставляемых со всеми обязательными согласиями (своими или родителя) ко всем участиям.
kpi-consents-short = Согласия
kpi-plans = Реализация индивидуальных планов
kpi-plans-def = Выполненные цели индивидуальных планов к числу всех целей планов пар, работавших в периоде.
kpi-plans-short = Индивидуальные планы
kpi-meetings_per_pair = Встреч на пару
kpi-meetings_per_pair-def = Состоявшиеся встречи периода к числу пар, работавших в периоде.
kpi-meetings_per_pair-short = Встреч на пару
kpi-pairs_no_meetings = Пары без встреч
kpi-pairs_no_meetings-def = Пары, работавшие в периоде, у которых за период не состоялось ни одной встречи.
kpi-pairs_no_meetings-short = Пары без встреч

## /stats

stats-usage = Так: /stats [учебный год] [форма], например /stats 2026/27 или /stats 2026/27-1 pp. Полугодия: -1 — сентябрь–декабрь, -2 — январь–июнь. Формы: pp, tt, sp, ep, es, ss. То же для /export.
stats-heading = <b>📊 { $scope }</b>
    { $period } · { $form }
stats-heading-plain = { $scope } · { $period } · { $form }
stats-heading-municipality = <b>📊 { $name }: { $count ->
    [one] { $count } организация
    [few] { $count } организации
   *[many] { $count } организаций
}</b>
    { $period } · { $form }
stats-heading-municipality-plain = { $name } ({ $count ->
    [one] { $count } организация
    [few] { $count } организации
   *[many] { $count } организаций
}) · { $period } · { $form }
stats-all-forms = все формы наставничества
period-year = { $year } учебный год
period-half-1 = { $year }, сентябрь–декабрь
period-half-2 = { $year }, январь–июнь
stats-value-percent = { NUMBER($value, maximumFractionDigits: 1) } %
stats-value-ratio = { NUMBER($value, maximumFractionDigits: 1) }
stats-value-count = { $value }
stats-target-at_least = цель — не менее { $value }
stats-target-at_most = цель — не более { $value }
stats-no-target = без целевого значения
stats-of = , { $numerator } из { $denominator }
stats-line = { $mark } { $title }: <b>{ $value }</b> ({ $target }{ $detail })
stats-line-missing = ❔ { $title }: не посчитать — не введена численность <code>{ $code }</code>
stats-line-no-data = ▫️ { $title }: пока нет данных
stats-missing = Чтобы посчитать доли, введите численность: { $keys }. Как — /counts
stats-per-organisation = <b>По организациям</b>
stats-organisation-line = • { $name }: достигнуто { $met } из { $total ->
    [one] { $total } цели
   *[other] { $total } целей
}
stats-organisation-missing = { "   " }↳ не введена численность: { $keys }
stats-threshold = Удовлетворён — тот, кто поставил общую оценку не ниже { $threshold } из 10. Период и форма: /stats 2026/27-1 pp
stats-chart-caption = Охват против целей, удовлетворённость по опросам, встречи по месяцам.

chart-coverage = Охват и цели, %
chart-target = цель
chart-satisfaction = Удовлетворённость по опросам, %
chart-sat-mentee = наставляемые
chart-sat-mentor = наставники
chart-meetings = Состоявшиеся встречи по месяцам
chart-no-data = опросов в периоде не было
chart-no-meetings = нет данных: встреч в периоде не было
chart-value = значение
chart-no-denominator = нет знаменателя: введите численность в /counts
chart-nothing-to-count = { $indicator ->
    [plans] нет данных: целей в планах пока нет
    [consents] нет данных: участников пока нет
   *[other] нет данных
}

## /export

export-preparing = Готовлю выгрузку… В большой организации это может занять до минуты.
export-caption-personal = Выгрузка с персональными данными участников: храните её как документ с персональными данными и не пересылайте.
export-caption-counts = Сводная выгрузка по организациям муниципалитета: только количества, без персональных данных.

## /counts

counts-title = <b>Численность для показателей: { $organisation }, { $year } учебный год</b>
counts-line = • <code>{ $code }</code> — { $label }: <b>{ $value }</b>
counts-line-missing = • <code>{ $code }</code> — { $label }: ❔ не введено
counts-key-pupils = все обучающиеся организации
counts-key-pupils_10_19 = обучающиеся 10–19 лет
counts-key-pupils_15_19 = обучающиеся 15–19 лет
counts-key-teachers = педагоги, включая молодых специалистов
counts-targets = Целевые значения на этот год:
counts-target-line = • <code>{ $code }</code> — { $title }: { $value } %
counts-missing = Не хватает: { $keys }. Без них доли не посчитать.
counts-complete = Всё введено ✅
counts-usage = Ввести или исправить: <code>/counts pupils_10_19 420</code>. Другой год: <code>/counts 2025/26 pupils 500</code>. Цель на год: <code>/counts target sat_mentees 85</code>. Убрать: <code>/counts pupils -</code>. Численность по форме статистической отчётности — к 30 декабря.
counts-saved = Сохранено ✅
counts-which-organisation = Вы куратор нескольких организаций. Укажите, какой: например <code>/counts { $ids } pupils 420</code>.
counts-unknown-key = Такой численности нет. Можно ввести: { $known }.
counts-unknown-target = Цель можно задать для показателей: { $known }.
counts-bad-number = Нужно целое число от 0 до { $max }, например 420.
counts-bad-target = Цель — целое число процентов от 0 до 100, например 85.

## Workbook

xl-sheet-participants = Участники
xl-sheet-pairs = Пары
xl-sheet-meetings = Встречи
xl-sheet-feedback = Отзывы
xl-sheet-surveys = Опросы
xl-sheet-consents = Согласия
xl-sheet-plans = Планы
xl-sheet-kpi = KPI
xl-total = Итого
xl-yes = да
xl-no = нет
xl-erased = (данные удалены)
xl-met-yes = достигнуто
xl-met-no = не достигнуто
xl-kpi-number = № п/п
xl-kpi-name = Наименование показателя
xl-kpi-definition = Как считается
xl-kpi-target = Целевое значение
xl-kpi-value = Значение
xl-kpi-numerator = Числитель
xl-kpi-denominator = Знаменатель
xl-kpi-met = Достигнуто
xl-kpi-no-denominator = нет численности
xl-col-person-id = № участника
xl-col-name = ФИО
xl-col-birth-date = Дата рождения
xl-col-category = Категория
xl-col-group = Класс / группа
xl-col-role = Роль
xl-col-form = Форма наставничества
xl-col-participation = Согласия
xl-col-registered = Зарегистрирован
xl-col-pair = № пары
xl-col-mentor = Наставник
xl-col-mentees = Наставляемые
xl-col-status = Статус
xl-col-decided = Решение куратора
xl-col-activated = Начало работы
xl-col-ended = Окончание
xl-col-order = Приказ №
xl-col-meetings-held = Встреч проведено
xl-col-meeting = № встречи
xl-col-kind = Вид встречи
xl-col-starts = Дата и время
xl-col-minutes = Минут
xl-col-online = Онлайн
xl-col-logged = Внесена после
xl-col-person = Участник
xl-col-took-place = Состоялась
xl-col-usefulness = Полезность (1–10)
xl-col-comment = Комментарий
xl-col-done = Что сделано
xl-col-next-step = Следующий шаг
xl-col-campaign = № опроса
xl-col-opened = Опрос открыт
xl-col-question = Вопрос
xl-col-answer = Ответ
xl-col-answered = Когда ответил
xl-col-consent = Согласие
xl-col-given-by = Кем дано
xl-col-version = Версия текста
xl-col-withdrawn = Отозвано
xl-col-goal = Цель
xl-col-due = Срок
xl-col-updated = Изменено
xl-col-organisation = Организация
xl-col-mentors = Наставники
xl-col-feedback-count = Отзывов
xl-col-rated-count = С оценкой
xl-col-usefulness-avg = Средняя полезность
xl-col-campaigns = Опросов
xl-col-invited = Приглашено
xl-col-answered-count = Ответили
xl-col-satisfied = Удовлетворены (оценка ≥ 7)
xl-col-goals = Целей в планах
xl-participation-pending = ждёт своего согласия
xl-participation-guardian = ждёт согласия родителя
xl-participation-active = согласия оформлены
xl-participation-declined = отказ или отзыв согласия
xl-meeting-kind-intro = встреча-знакомство
xl-meeting-kind-trial = пробная встреча
xl-meeting-kind-planning = встреча-планирование
xl-meeting-kind-work = рабочая встреча
xl-meeting-kind-final = итоговая встреча
xl-meeting-kind-group = групповая встреча
xl-meeting-status-held = состоялась
xl-meeting-status-missed = не состоялась
xl-meeting-status-cancelled = отменена
xl-meeting-status-planned = запланирована
xl-took-yes = да
xl-took-no = нет
xl-took-moved = перенесена
xl-consent-pd = обработка персональных данных
xl-consent-agreement = соглашение об участии
xl-consent-contacts = показ контакта партнёру
xl-given-self = сам участник
xl-given-guardian = родитель (законный представитель)
xl-consent-status-granted = дано
xl-consent-status-declined = отказ
xl-consent-status-withdrawn = отозвано
xl-goal-not_started = не начата
xl-goal-in_progress = в работе
xl-goal-done = выполнена
