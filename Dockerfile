# The platform image for docker-compose.yml (api and worker). Build on the host after
# `make setup`, which also builds the front-end (web/static/dist) and the sandbox image.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 NUMJUDGE_DATA_DIR=/data
WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir --disable-pip-version-check --require-hashes -r requirements.lock
COPY alembic.ini ./
COPY api ./api
COPY worker ./worker
COPY sandbox ./sandbox
COPY migrations ./migrations
COPY problems ./problems
COPY web ./web
RUN pip install --no-cache-dir --disable-pip-version-check --no-deps -e . \
    && useradd --system --uid 10001 numjudge && mkdir -p /data && chown numjudge /data
USER numjudge
EXPOSE 8000
