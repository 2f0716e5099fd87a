# syntax=docker/dockerfile:1
#
# eurzad application image: one image for every process (web, worker, beat, migrations).
#
#   docker build -t eurzad:0.1.0 .
#   docker run --rm -p 8000:8000 -e DATABASE_URL=... -e REDIS_URL=... -e SECRET_KEY=... \
#     -e PLATFORM_DOMAIN=eurzad.pl eurzad:0.1.0
#
# The Debian release is pinned (bookworm) so the system library package names below stay
# valid; bump it deliberately together with those names.

ARG PYTHON_VERSION=3.11
ARG DEBIAN_RELEASE=bookworm

# --- build: compile the virtualenv ------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim-${DEBIAN_RELEASE} AS build

# xmlsec (python3-saml's XML signatures) and lxml are compiled against the same system
# libxml2: binary wheels that bundle different libxml2 versions fail at import with
# "lxml & xmlsec libxml2 library version mismatch".
ARG PIP_NO_BINARY=lxml,xmlsec

# Debian's security updates replace package versions, so they are not pinned here; the
# base image tag and DEBIAN_RELEASE pin the release.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        gcc \
        libc6-dev \
        pkg-config \
        libxml2-dev \
        libxslt1-dev \
        libxmlsec1-dev \
        libxmlsec1-openssl \
        libpq-dev \
    && rm -rf /var/lib/apt/lists/*

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_BINARY=${PIP_NO_BINARY} \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /src
COPY . .
# The pip cache mount keeps compiled wheels (lxml, xmlsec) between builds.
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install .

# --- runtime ----------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim-${DEBIAN_RELEASE} AS runtime

ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="eurzad" \
      org.opencontainers.image.description="Multi-tenant e-Urząd platform for Polish municipalities" \
      org.opencontainers.image.licenses="EUPL-1.2" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"

# pg_dump / pg_restore archive and restore towns; their major version must be at least
# the server's (Debian bookworm ships 15: for a newer server build with e.g.
# --build-arg POSTGRES_CLIENT=postgresql-client-17 from the PGDG repository, or mount the
# programs and set PG_BIN_DIR).
ARG POSTGRES_CLIENT=postgresql-client
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libxml2 \
        libxslt1.1 \
        libxmlsec1 \
        libxmlsec1-openssl \
        libpq5 \
        "${POSTGRES_CLIENT}" \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 eurzad \
    && useradd --system --uid 10001 --gid eurzad --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin eurzad

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app:/app/platform \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=eurzad.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/.eurzad/media

COPY --from=build /opt/venv /opt/venv

WORKDIR /app
COPY . .

# Static files are collected into the image (served by WhiteNoise); EURZAD_BUILD=1 lets the
# production settings load without a database, Redis or secret key. The source is
# byte-compiled here because the root filesystem is read-only at run time.
RUN EURZAD_BUILD=1 python manage.py collectstatic --noinput \
    && python -m compileall -q /app \
    && mkdir -p /app/.eurzad/media \
    && chown -R 10001:10001 /app/.eurzad

USER 10001:10001

EXPOSE 8000

# Web by default; the Helm chart runs the worker, beat and migrations from the same image:
#   celery -A eurzad.celery worker --loglevel=INFO --concurrency=${CELERY_WORKER_CONCURRENCY:-2}
#   celery -A eurzad.celery beat --loglevel=INFO
#   python manage.py migrate_schemas --shared --noinput && python manage.py migrate_towns --jobs 4
CMD ["sh", "-c", "exec gunicorn eurzad.wsgi:application --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
