# Answers the dialogs give to presses and messages they cannot use.
error-stale-button-in-dialog = { $you ->
    [ty] Эта кнопка больше не работает. Продолжай с последнего сообщения или отправь /cancel, чтобы прервать.
   *[vy] Эта кнопка больше не работает. Продолжайте с последнего сообщения или отправьте /cancel, чтобы прервать.
}

# The meeting calendar: month and weekday names (Monday is 0).
calendar-month-1 = Январь
calendar-month-2 = Февраль
calendar-month-3 = Март
calendar-month-4 = Апрель
calendar-month-5 = Май
calendar-month-6 = Июнь
calendar-month-7 = Июль
calendar-month-8 = Август
calendar-month-9 = Сентябрь
calendar-month-10 = Октябрь
calendar-month-11 = Ноябрь
calendar-month-12 = Декабрь
calendar-weekday-0 = Пн
calendar-weekday-1 = Вт
calendar-weekday-2 = Ср
calendar-weekday-3 = Чт
calendar-weekday-4 = Пт
calendar-weekday-5 = Сб
calendar-weekday-6 = Вс
calendar-weekday = { $weekday }
calendar-days-header = 🗓 { $month } { $year }
calendar-prev-month = « { $month }
calendar-next-month = { $month } »
calendar-month = { $month }
calendar-this-month = [ { $month } ]
