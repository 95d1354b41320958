## Анкеты (intake questionnaires)

cmd-questionnaire = Анкета

questionnaire-needs-consent = Анкету можно будет заполнить, когда будут получены все согласия. Что осталось — в /privacy.
questionnaire-not-registered = Анкету заполняют участники программы. Чтобы присоединиться, нужна ссылка-приглашение от куратора.
questionnaire-not-participant = Анкеты заполняют наставники и наставляемые, а у вас в программе другая роль.
questionnaire-none = { $you ->
    [ty] Для твоей формы наставничества пока нет анкеты. Сообщи, пожалуйста, куратору.
   *[vy] Для вашей формы наставничества пока нет анкеты. Сообщите, пожалуйста, куратору.
}

qn-choose = { $you ->
    [ty] У тебя несколько ролей в программе. Какую анкету заполнить?
   *[vy] У вас несколько ролей в программе. Какую анкету заполнить?
}

qn-intro-title = 📝 <b>{ $title }</b>
qn-intro = { $intro }
qn-progress = Вопрос { $current } из { $total }
qn-question = <b>{ $question }</b>
qn-hint = <i>{ $hint }</i>
qn-optional = (можно пропустить)
qn-hint-text = { $you ->
    [ty] Напиши
   *[vy] Напишите
} ответ одним сообщением — не больше { $max } { $max ->
    [one] символа
   *[other] символов
}.
qn-hint-number = { $you ->
    [ty] Напиши число от { $min } до { $max }.
   *[vy] Напишите число от { $min } до { $max }.
}
qn-hint-date = { $you ->
    [ty] Напиши дату в формате ДД.ММ.ГГГГ, например 01.09.2024.
   *[vy] Напишите дату в формате ДД.ММ.ГГГГ, например 01.09.2024.
}
qn-hint-multi = { $you ->
    [ty] Отметь подходящие варианты и нажми «Готово».
   *[vy] Отметьте подходящие варианты и нажмите «Готово».
}
qn-hint-multi-max = Можно выбрать до { $max } { $max ->
    [one] варианта
   *[other] вариантов
}.
qn-hint-scale = { $you ->
    [ty] Выбери число от 1 до 10.
   *[vy] Выберите число от 1 до 10.
}
qn-current = { $you ->
    [ty] Сейчас твой ответ: { $answer }
   *[vy] Сейчас ваш ответ: { $answer }
}
qn-yes = Да
qn-no = Нет
qn-skip = Пропустить →
qn-done = Готово ✓
qn-skipped = пропущено
qn-scale-value = { $value } из 10

qn-summary-title = 📋 <b>{ $title }</b>
qn-summary-count = { $count ->
    [one] { $count } ответ
    [few] { $count } ответа
   *[many] { $count } ответов
}{ $skipped ->
    [0] {""}
   *[other] , пропущено: { $skipped }
}. { $you ->
    [ty] Проверь, всё ли верно.
   *[vy] Проверьте, всё ли верно.
}
qn-summary-line = { $number }. { $question }
    → { $answer }
qn-summary-edit = { $you ->
    [ty] Чтобы изменить ответ, нажми на номер вопроса.
   *[vy] Чтобы изменить ответ, нажмите на номер вопроса.
}
qn-summary-incomplete = { $you ->
    [ty] Остались вопросы без ответа — нажми «Продолжить».
   *[vy] Остались вопросы без ответа — нажмите «Продолжить».
}
qn-continue = Продолжить →
qn-finish = ✅ Всё верно, отправить
qn-finished = Спасибо! Анкета «{ $title }» сохранена. Куратор увидит { $you ->
    [ty] твои
   *[vy] ваши
} ответы и подберёт пару. Изменить ответы можно в любой момент — кнопка «Анкета» в меню.

qn-question-gone = Этот вопрос больше не задаётся — вот актуальный.
qn-not-complete = { $you ->
    [ty] Сначала ответь на все обязательные вопросы.
   *[vy] Сначала ответьте на все обязательные вопросы.
}
qn-too-many-picked = { $you ->
    [ty] Можно отметить не больше { $max }. Сначала сними отметку с другого варианта.
   *[vy] Можно отметить не больше { $max }. Сначала снимите отметку с другого варианта.
}

qn-answer-empty = { $you ->
    [ty] Ответ пустой. Напиши, пожалуйста, хотя бы пару слов.
   *[vy] Ответ пустой. Напишите, пожалуйста, хотя бы пару слов.
}
qn-answer-too-long = Слишком длинно: можно не больше { $max } { $max ->
    [one] символа
   *[other] символов
}, а в ответе { $length }. { $you ->
    [ty] Сократи, пожалуйста.
   *[vy] Сократите, пожалуйста.
}
qn-answer-bad-chars = { $you ->
    [ty] В тексте есть служебные символы. Напиши ответ обычным текстом.
   *[vy] В тексте есть служебные символы. Напишите ответ обычным текстом.
}
qn-answer-number-format = Нужно целое число цифрами, например 3.
qn-answer-number-range = Нужно число от { $min } до { $max }.
qn-answer-date-format = { $you ->
    [ty] Не получилось понять дату. Напиши её так: ДД.ММ.ГГГГ, например 01.09.2024.
   *[vy] Не получилось понять дату. Напишите её так: ДД.ММ.ГГГГ, например 01.09.2024.
}
qn-answer-date-impossible = { $you ->
    [ty] Такой даты нет в календаре. Проверь число, месяц и год.
   *[vy] Такой даты нет в календаре. Проверьте число, месяц и год.
}
qn-answer-date-future = { $you ->
    [ty] Эта дата ещё не наступила. Укажи дату, которая уже была.
   *[vy] Эта дата ещё не наступила. Укажите дату, которая уже была.
}
qn-answer-scale = { $you ->
    [ty] Выбери число от { $min } до { $max } кнопкой.
   *[vy] Выберите число от { $min } до { $max } кнопкой.
}
qn-answer-unknown-option = { $you ->
    [ty] Такого варианта нет. Выбери вариант кнопкой под вопросом.
   *[vy] Такого варианта нет. Выберите вариант кнопкой под вопросом.
}
qn-answer-choice-count = Нужно отметить от { $min } до { $max }.
qn-answer-use-buttons = { $you ->
    [ty] Пожалуйста, ответь кнопкой под вопросом.
   *[vy] Пожалуйста, ответьте кнопкой под вопросом.
}
qn-answer-type-it = { $you ->
    [ty] Напиши ответ сообщением.
   *[vy] Напишите ответ сообщением.
}
qn-answer-required = Этот вопрос обязательный — пропустить его нельзя.

## Загрузка анкеты куратором

qn-upload-not-curator = Файлы я принимаю только от кураторов — это загрузка анкет организации. { $you ->
    [ty] Если ты хотел(а) что-то сообщить, напиши, пожалуйста, куратору.
   *[vy] Если вы хотели что-то сообщить, напишите, пожалуйста, куратору.
}
qn-upload-wrong-type = Пришлите анкету файлом с расширением .yaml или .yml. Как он устроен — в README.md рядом с анкетами бота.
qn-upload-too-large = Файл слишком большой: можно не больше { $max_kb } КБ.
qn-upload-download-failed = Не получилось скачать файл. Отправьте его, пожалуйста, ещё раз.
qn-upload-choose-org = В какую организацию загрузить анкету «{ $title }»?
qn-upload-expired = Этот файл уже недоступен — пришлите его ещё раз.
qn-upload-error-at = ⚠️ Анкета не загружена: ошибка в строке { $line }.
qn-upload-error-file = ⚠️ Анкета не загружена: ошибка в файле.
qn-upload-done = ✅ Анкета «{ $title }» (версия { $version }) загружена для «{ $organisation }». Новые участники будут заполнять её; кто уже начал — закончит свою версию.
qn-upload-same = Эта анкета (версия { $version }) уже загружена — ничего не изменилось.
qn-upload-version-taken = Версия { $version } анкеты «{ $name }» уже загружена, и в ней другие вопросы. Увеличьте номер версии (version) в файле.
qn-upload-version-too-low = Номер версии (version) должен быть больше { $newest } — это последняя версия анкеты «{ $name }», а в файле { $version }.
qn-upload-role-changed = Анкета «{ $name }» уже есть для другой роли. Дайте новой анкете другой key.

## Почему файл анкеты не принят (строку бот называет отдельно)

qv-yaml-syntax = Файл не читается как YAML: { $problem }. Проверьте отступы и кавычки: текст с двоеточием или знаком вопроса внутри фигурных скобок берите в кавычки.
qv-yaml-alias = Ссылки YAML (&якорь и *ссылка) не поддерживаются — напишите значения полностью.
qv-too-large = Файл больше { $max_kb } КБ.
qv-not-utf8 = Файл должен быть в кодировке UTF-8.
qv-not-mapping = В начале файла должны идти поля key, version, role, forms, title и questions.
qv-bad-field-name = Название поля «{ $field }» должно быть словом.
qv-duplicate-field = Поле «{ $field }» указано дважды.
qv-unknown-field = Неизвестное поле «{ $field }». Допустимые: { $allowed }.
qv-missing-field = Не хватает поля «{ $field }».
qv-bad-key = key «{ $value }» не подходит: латинские строчные буквы, цифры и дефис, от 2 до 40 символов, начинается с буквы.
qv-bad-number = Поле «{ $field }» должно быть целым числом от { $low } до { $high }.
qv-bad-boolean = Поле «{ $field }» должно быть true или false.
qv-bad-role = role «{ $value }» не подходит: нужно mentee или mentor.
qv-bad-purpose = purpose «{ $value }» не подходит: нужно { $allowed }.
qv-survey-tag = В опросе (purpose: survey) не бывает tag: подбор пар опросы не читает.
qv-bad-forms = forms — это список форм наставничества: { $allowed }.
qv-unknown-form = Неизвестная форма «{ $value }». Допустимые: { $allowed }.
qv-duplicate-form = Форма «{ $value }» указана дважды.
qv-bad-text = Поле «{ $field }» должно содержать тексты на двух языках: ru и en.
qv-unknown-locale = В поле «{ $field }» неизвестный язык «{ $locale }»: поддерживаются ru и en.
qv-missing-translation = В поле «{ $field }» нет текста на языке «{ $locale }».
qv-text-too-long = Текст в поле «{ $field }» слишком длинный: не больше { $max } символов.
qv-no-questions = Нужен список вопросов questions хотя бы с одним вопросом.
qv-too-many-questions = Слишком много вопросов: не больше { $max }.
qv-question-not-mapping = Каждый вопрос — это набор полей (id, kind, text…).
qv-bad-question-id = id вопроса «{ $value }» не подходит: латинские строчные буквы, цифры и _, до { $max } символов, начинается с буквы.
qv-duplicate-question = Вопрос с id «{ $id }» уже есть (строка { $first }).
qv-unknown-kind = Неизвестный тип вопроса «{ $kind }». Допустимые: { $allowed }.
qv-options-needed = У вопроса «{ $id }» с выбором ответа должно быть хотя бы два варианта (options).
qv-options-not-allowed = У вопроса типа { $kind } не бывает вариантов (options).
qv-too-many-options = Слишком много вариантов: не больше { $max }.
qv-option-not-mapping = Каждый вариант — это id и text.
qv-bad-option-id = id варианта «{ $value }» не подходит: только латинские строчные буквы, цифры и _.
qv-option-id-too-long = id варианта «{ $value }» слишком длинный для кнопки Telegram: не больше { $max } символов.
qv-duplicate-option = Вариант с id «{ $id }» уже есть (строка { $first }).
qv-limit-not-allowed = Поле «{ $field }» не подходит вопросу типа { $kind }.
qv-text-limit-cap = Для текстового ответа max не может быть больше { $max } символов.
qv-min-above-max = min ({ $min }) больше max ({ $max }).
qv-bad-condition = Условие show_if пишется так: question и in (список вариантов) или equals (true/false).
qv-condition-self = Вопрос не может зависеть от самого себя.
qv-condition-unknown-question = В show_if указан вопрос «{ $question }», которого нет в анкете.
qv-condition-later-question = В show_if указан вопрос «{ $question }», который идёт позже: условие может зависеть только от вопросов выше.
qv-condition-needs-yesno = equals работает только с вопросом типа yesno, а «{ $question }» — { $kind }.
qv-condition-needs-choice = in работает только с вопросом с вариантами (single или multi), а «{ $question }» — { $kind }.
qv-condition-unknown-option = В вопросе «{ $question }» нет варианта «{ $option }».
qv-unknown-tag = Неизвестный tag «{ $tag }». Допустимые: { $allowed }.
qv-tag-kind = tag { $tag } подходит только вопросам типа: { $kinds }.
qv-tag-role = tag { $tag } бывает только в анкете роли { $role }.
qv-tag-vocabulary = Вариант «{ $option }» не из общего словаря для tag { $tag } (по нему бот сопоставляет наставников и наставляемых). Допустимые id: { $allowed }.
qv-missing-tag = В анкете роли { $role } нужен вопрос с tag { $tag } — без него бот не сможет подобрать пару.
qv-past-only-not-date = past_only бывает только у вопроса типа date, а здесь { $kind }.
qv-duplicate-key = key «{ $name }» уже занят файлом { $other }.
qv-form-not-covered = Для роли { $role } и формы { $form } нет ни одной анкеты.
qn-upload-purpose-changed = Анкета «{ $name }» уже загружена с другим назначением (purpose). Дайте новой анкете другой key.
