# A database outage (locked, restarting, unreachable): the person is told within seconds, nothing is lost.
error-database-unavailable = ⏳ We have a temporary problem: the database is unavailable. Nothing already saved is lost. Please try again in a minute.
