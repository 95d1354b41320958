# syntax=docker/dockerfile:1
#
# Mentorship bot image. One image, three roles (see docker-compose.yml):
#   docker run --env-file .env IMAGE            the bot (long polling, or a webhook server when WEBHOOK_URL is set)
#   docker run --env-file .env IMAGE migrate    apply database migrations, then exit
#   docker run --env-file .env IMAGE check      report what is wrong with the configuration and services
#   docker run --env-file .env --entrypoint python IMAGE -m scheduler     the scheduler alone
# Without DATABASE_URL the bot keeps an SQLite file in /data: add `-v mentorbot-data:/data` to keep it.

# --- builder: the locked dependencies in a virtual environment -----------------------------------------------
# Same base as the runtime stage, so the venv's interpreter path (/usr/local/bin/python3.11) exists there too.
FROM python:3.11-slim AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

# Dependencies first and alone: this layer is rebuilt only when the lock file changes, not on every code edit.
# The compiled packages (asyncpg, greenlet, aiohttp, pydantic-core, ...) come as manylinux wheels for CPython
# 3.11, so the slim image needs no compiler; on a platform without wheels, apt-get install build-essential here.
COPY requirements.lock /tmp/requirements.lock
RUN pip install -r /tmp/requirements.lock

# --- runtime -------------------------------------------------------------------------------------------------
FROM python:3.11-slim

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

# The contract's default (./mentorbot.db) would land in /app, which the bot user cannot write: SQLite lives in
# /data instead (mount a volume there to keep it). docker-compose.yml and real deployments set PostgreSQL.
ENV DATABASE_URL=sqlite+aiosqlite:////data/mentorbot.db

RUN groupadd --system --gid 10001 bot \
    && useradd --system --uid 10001 --gid bot --home-dir /app --no-create-home --shell /usr/sbin/nologin bot \
    && mkdir -p /data \
    && chown bot:bot /data

COPY --from=builder /opt/venv /opt/venv

# The project is not pip-installed: bot/i18n.py reads `locales/` next to the `bot` package and db/migrate.py
# reads db/migrations/ next to its module, so the source tree is kept whole in /app and put on PYTHONPATH.
# (A regular `pip install .` would move the packages into site-packages and away from locales/.)
# .dockerignore decides what "the source tree" is (no .env, tests, databases or .git).
# Owned by root and read-only to the bot user: the process cannot modify its own code.
WORKDIR /app
COPY . .
RUN python -m compileall -q /app

USER bot
# Webhook mode listens here (WEBHOOK_PORT); long polling opens no port.
EXPOSE 8080

# Python as PID 1 gets no default SIGTERM handling; SIGINT reaches asyncio.run, which cancels the main task, so
# the bot, the webhook server and the scheduler all run their shutdown code on `docker stop`.
STOPSIGNAL SIGINT

# No HEALTHCHECK: the image also runs one-shot `migrate` and the scheduler, and a polling bot has no port to
# probe. `docker compose run --rm bot check` is the on-demand diagnosis.
ENTRYPOINT ["python", "-m", "bot"]
CMD []
