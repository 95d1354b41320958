# A database outage (locked, restarting, unreachable): the person is told within seconds, nothing is lost.
error-database-unavailable = ⏳ У нас временная неполадка: база данных недоступна. Уже сохранённое не потеряно. Пожалуйста, попробуйте ещё раз через минуту.
