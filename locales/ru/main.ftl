## Общие ошибки и ответы

error-generic = Что-то пошло не так. Попробуйте ещё раз.
error-not-allowed = У вас нет прав на это действие.
error-not-found = Не нашлось — возможно, это уже удалено.
error-invalid-input = Так не получится. Пожалуйста, выберите один из вариантов.
error-stale-dialog = Это меню устарело. Откройте его заново: /menu
error-stale-button = Эта кнопка больше не работает. Откройте меню: /menu
error-try-again = Не получилось сохранить — у нас временная неполадка. Ваши ответы не потеряны, попробуйте ещё раз через минуту.

input-text-expected = Пожалуйста, напишите ответ текстом.
input-too-long = Слишком длинное сообщение. Пожалуйста, короче.
input-use-buttons = Пожалуйста, выберите вариант кнопкой под сообщением.

command-not-allowed = Эта команда вам недоступна. Что можно сделать — в /help.
command-unknown = Такой команды нет. Список команд — в /help.
fallback-not-understood = Я не понял сообщение. Всё, что можно сделать, — в меню (кнопка ниже); справка — /help.

## Кнопки

btn-continue = Продолжить →
btn-back = ← Назад
btn-confirm = ✅ Всё верно
btn-start-over = ✏️ Заполнить заново
btn-cancel = ✖️ Отмена
btn-create = ✅ Создать
btn-done = Готово
btn-close = Закрыть
btn-create-link = 🔗 Создать ссылку
btn-revoke = 🚫 Отозвать ссылку

## Роли, категории, формы

role-curator = куратор
role-coordinator = координатор
role-mentor = наставник
role-mentee = наставляемый
role-guardian = родитель (законный представитель)

category-pupil = Школьник
category-student = Студент
category-teacher = Педагог
category-young = Молодой специалист
category-graduate = Выпускник
category-employer = Представитель предприятия
category-parent = Родитель
category-staff = Сотрудник организации

form-pp = «ученик – ученик»
form-tt = «учитель – учитель»
form-sp = «студент – ученик»
form-ep = «работодатель – ученик»
form-es = «работодатель – студент»
form-ss = «студент – студент»

org-kind-school = Школа
org-kind-college = Колледж / техникум
org-kind-extra = Центр дополнительного образования
org-kind-other = Другая организация

tz-europe-kaliningrad = Калининград
tz-europe-moscow = Москва
tz-europe-samara = Самара
tz-asia-yekaterinburg = Екатеринбург
tz-asia-omsk = Омск
tz-asia-novosibirsk = Новосибирск
tz-asia-krasnoyarsk = Красноярск
tz-asia-irkutsk = Иркутск
tz-asia-yakutsk = Якутск
tz-asia-vladivostok = Владивосток
tz-asia-magadan = Магадан
tz-asia-kamchatka = Камчатка

## Команды

cmd-start = Начать
cmd-menu = Меню
cmd-help = Справка
cmd-profile = Мои данные
cmd-language = Язык
cmd-cancel = Отменить текущее действие
cmd-invite = Пригласить участников
cmd-neworg = Новая организация
cmd-orgs = Организации

## Старт

start-anonymous =
    Здравствуйте! Я бот программы наставничества вашей школы или колледжа.
    
    Через меня наставники и наставляемые заполняют анкеты, договариваются о встречах и оставляют отзывы, а куратор видит, как идёт программа.
    
    Чтобы присоединиться, нужна ссылка-приглашение (или QR-код) от куратора программы в вашей организации. Спросите её у классного руководителя или куратора.
start-registered = С возвращением, { $name }!
start-superadmin =
    Здравствуйте! Вы администратор бота.
    
    /neworg — создать организацию
    /orgs — список организаций
    /invite — пригласить куратора или координатора

## Приглашения

invite-invalid = Эта ссылка-приглашение не работает.
invite-unknown = Такой ссылки-приглашения нет. Проверьте, что скопировали её целиком.
invite-revoked = Эту ссылку-приглашение отозвал куратор.
invite-expired = Срок действия этой ссылки-приглашения истёк.
invite-used-up = По этой ссылке уже зарегистрировалось максимальное число участников.
invite-used-once = Эта ссылка личная и одноразовая, по ней уже зарегистрировались. Попросите того, кто её прислал, сделать для вас новую.
invite-how-to-get = Попросите у куратора программы новую ссылку.
invite-not-allowed = Вы не можете приглашать в эту организацию с такой ролью.
invite-form-not-enabled = Эта форма наставничества не включена в организации.
invite-ask-organisation = В какую организацию пригласить?
invite-no-organisations = Пока нет организаций, куда вы можете приглашать.
invite-ask-role = Кого пригласить?
invite-ask-form = Форма наставничества для ссылки ({ $role }):
invite-form-any = Любая форма
invite-ask-options = Сколько действует ссылка и сколько человек может по ней зарегистрироваться?
invite-days = { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[many] { $days } дней
}
invite-uses = { $uses ->
    [one] { $uses } человек
    [few] { $uses } человека
   *[many] { $uses } человек
}
invite-created =
    🔗 Ссылка-приглашение готова:
    { $link }
    
    Перешлите её или распечатайте QR-код. Сохраните ссылку: показать её ещё раз я не смогу, только создать новую.
invite-line = { $role } · { $form } · { $organisation }
    Использована: { $uses } из { $max_uses } · действует до { $expires }
invite-next = Что дальше?
invite-another = ➕ Ещё одна ссылка
invite-list-button = 📋 Мои действующие ссылки
invite-list-title = Действующие ссылки-приглашения. Нажмите на ссылку, чтобы отозвать её.
invite-list-empty = Действующих ссылок нет.
invite-gone = Эта ссылка уже не действует.
invite-revoked-ok = Ссылка отозвана.

## Регистрация

reg-welcome = { $role_code ->
    [coordinator] Здравствуйте! Вас приглашают координатором программ наставничества муниципалитета «{ $organisation }»: вы будете видеть показатели его организаций.
   *[other] Здравствуйте! Вас приглашают в программу наставничества «{ $organisation }» — роль: { $role }.
}
reg-welcome-form = Форма наставничества: { $form }.
reg-privacy-short =
    Я спрошу только самое нужное: имя, дату рождения и кто вы (школьник, студент, педагог…). { $role_code ->
        [coordinator] Эти данные нужны только для входа: показатели, которые вы увидите, не содержат ничьих имён.
        [curator] Эти данные увидят администраторы программы и другие кураторы вашей организации.
       *[other] Эти данные увидит куратор программы, а наставник или наставляемый — только ваше имя.
    }
    
    Выберите язык и нажмите «Продолжить».
reg-ask-name = Как вас зовут? Напишите фамилию и имя.
reg-ask-birth-date = Дата рождения в формате ДД.ММ.ГГГГ, например 07.03.2011.
reg-ask-category = Кто вы?
reg-ask-group = В каком вы классе или группе? Например: 7Б или ИС-21.
reg-summary =
    Проверьте, всё ли верно:
    
    Имя: { $full_name }
    Дата рождения: { $birth_date }
    Кто вы: { $category }
reg-summary-group = Класс / группа: { $group_name }
reg-summary-question = { $role_code ->
    [coordinator] Муниципалитет: «{ $organisation }», роль: { $role }.
   *[other] Организация: «{ $organisation }», роль: { $role }.
}
reg-done = { $role_code ->
    [coordinator] Готово, { $name }! Вы координатор программ наставничества муниципалитета «{ $organisation }».
   *[other] Готово, { $name }! Вы в программе «{ $organisation }» — роль: { $role }.
}
reg-already-registered = Вы уже зарегистрированы. Откройте меню: /menu
reg-name-empty = Имя не может быть пустым. Напишите фамилию и имя.
reg-name-too-long = Слишком длинно: не больше { $max } символов.
reg-name-bad-chars = В тексте есть непечатаемые символы. Напишите его обычными буквами.
reg-name-no-letters = В имени должны быть буквы. Напишите фамилию и имя.
reg-dob-format = Не получилось понять дату. Напишите её так: ДД.ММ.ГГГГ, например 07.03.2011.
reg-dob-future = Эта дата ещё не наступила. Проверьте год рождения.
reg-dob-range = Проверьте дату: участнику должно быть от { $min } до { $max } лет.
reg-category-age = Для этой роли возраст участника должен быть от { $low } до { $high } лет, а по дате рождения выходит { $age }. Проверьте дату или выберите другой вариант.
reg-group-empty = Напишите класс или группу.
reg-group-too-long = Слишком длинно: не больше { $max } символов.

join-done = Готово! Теперь вы ещё и { $role } в «{ $organisation }».
join-already-member = У вас уже есть эта роль в этой организации.
join-category-mismatch = С вашей категорией участника эту роль получить нельзя. Обратитесь к куратору.

next-steps-mentee = Дальше — анкета: по ней куратор подберёт пару.
next-steps-mentor = Дальше — анкета наставника: по ней куратор подберёт пару.
next-steps-curator = Теперь вы можете приглашать наставников и наставляемых.
next-steps-coordinator = Вы будете видеть показатели организаций своего муниципалитета.
next-steps-guardian = Готово.

## Новая организация

org-ask-name = Как называется организация? Например: МБОУ «СОШ № 5».
org-name-empty = Напишите название организации.
org-name-too-long = Слишком длинное название: не больше { $max } символов.
org-ask-kind = Тип организации:
org-ask-municipality = Муниципалитет (город или район)? Напишите его название.
org-ask-municipality-pick = Или выберите из уже известных:
org-municipality-empty = Напишите название муниципалитета.
org-municipality-too-long = Слишком длинно: не больше { $max } символов.
org-ask-timezone = Часовой пояс организации (по нему бот напоминает о встречах и соблюдает тихие часы):
org-timezone-unknown = Неизвестный часовой пояс.
org-ask-forms = Какие формы наставничества работают в организации? Отметьте и нажмите «Продолжить».
org-forms-empty = Отметьте хотя бы одну форму наставничества.
org-summary =
    Новая организация:
    
    Название: { $name }
    Тип: { $kind }
    Муниципалитет: { $municipality }
    Часовой пояс: { $timezone }
    Формы: { $forms }
org-created = Организация «{ $name }» создана (№ { $id }). Теперь пригласите её куратора.

orgs-empty = Организаций пока нет. Создайте первую: /neworg
orgs-title = { $count ->
    [one] { $count } организация
    [few] { $count } организации
   *[many] { $count } организаций
}:
orgs-line = № { $id } · { $name }
    { $kind }, { $municipality }, { $timezone }
    Кураторов: { $curators } · наставников: { $mentors } · наставляемых: { $mentees }

## Справка, меню, профиль, язык

help-title = Что я умею:
help-not-registered = Чтобы участвовать, откройте ссылку-приглашение от куратора.
help-footer = Если что-то непонятно, напишите куратору программы вашей организации.

menu-title = Меню
menu-status = { $status ->
    [held] Сначала — согласия: кнопка «Что дальше» покажет, что осталось.
    [no-pair] Пары пока нет: куратор подберёт её по анкете и пришлёт сообщение.
   *[not-registered] Вы ещё не участвуете в программе: нужна ссылка-приглашение от куратора.
}
menu-neworg = 🏫 Новая организация
menu-orgs = 📋 Организации
menu-invite = 🔗 Пригласить
menu-invitations = 📎 Мои ссылки
menu-profile = 👤 Мои данные
menu-language = 🌐 Язык
menu-help = ❓ Справка

profile-not-registered = Вы ещё не зарегистрированы: откройте ссылку-приглашение от куратора.
profile-superadmin-only = Вы администратор бота; личных данных о вас не хранится.
profile-card =
    Мои данные:
    
    Имя: { $name }
    Дата рождения: { $birth_date }
    Кто вы: { $category }
    Класс / группа: { $group }
    Язык: { $language }
    
    Роли:
profile-role-line = • { $role } — { $where }
profile-superadmin = • администратор бота

language-ask = Выберите язык / Choose your language:
language-set = Готово, теперь я говорю по-русски.

cancel-done = Отменено.
cancel-nothing = Сейчас нечего отменять.

cmd-privacy = Мои данные и согласия
menu-questionnaire = 📝 Анкета
menu-participants = 👥 Участники
menu-privacy = 🔒 Мои данные и согласия
menu-next-step = ⏭ Что дальше
menu-mypair = { $child_only ->
    [yes] 🤝 Пара ребёнка
   *[no] 🤝 Моя пара
}
menu-meetings = 📅 Встречи
menu-newmeeting = ➕ Новая встреча
menu-feedback = 💬 Отзыв о встрече ({ $feedback_count })
menu-survey = 🗳 Опрос
menu-plan = 🎯 План
menu-plans = 🎯 Планы пар
menu-changementor = 🔄 Сменить наставника
menu-match = 🧩 Подобрать пары
menu-pending = ⏳ На утверждении
menu-pairs = 🤝 Пары
menu-requests = 🔁 Просьбы о смене
menu-campaign = 🗳 Опросы
menu-broadcast = 📣 Объявление
menu-counts = 🔢 Численность
menu-stats = 📊 Показатели
menu-export = 📥 Выгрузка
menu-home = 🏠 В меню
shortcut-not-allowed = Эта кнопка не для вашей роли — ничего не изменено.

## Each language named in itself (the same in every locale)
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
