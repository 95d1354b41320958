# Answers the dialogs give to presses and messages they cannot use.
error-stale-button-in-dialog = This button no longer works. Carry on from the latest message, or send /cancel to stop.

# The meeting calendar: month and weekday names (Monday is 0).
calendar-month-1 = January
calendar-month-2 = February
calendar-month-3 = March
calendar-month-4 = April
calendar-month-5 = May
calendar-month-6 = June
calendar-month-7 = July
calendar-month-8 = August
calendar-month-9 = September
calendar-month-10 = October
calendar-month-11 = November
calendar-month-12 = December
calendar-weekday-0 = Mon
calendar-weekday-1 = Tue
calendar-weekday-2 = Wed
calendar-weekday-3 = Thu
calendar-weekday-4 = Fri
calendar-weekday-5 = Sat
calendar-weekday-6 = Sun
calendar-weekday = { $weekday }
calendar-days-header = 🗓 { $month } { $year }
calendar-prev-month = « { $month }
calendar-next-month = { $month } »
calendar-month = { $month }
calendar-this-month = [ { $month } ]
