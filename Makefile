# eurzad — the two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
# Tools with their own pinned dependencies live in a venv of their own (checkov scans the
# rendered Helm chart in the tests).
TOOLS ?= .venv-tools
TOOLS_STAMP := $(TOOLS)/.installed
# make test runs the suite in parallel (pytest-xdist), one database and Redis block per worker.
TEST_WORKERS ?= auto
export PYTHONPATH := $(CURDIR):$(CURDIR)/platform

.PHONY: help install tools demo test test-clean e2e e2e-deps lint format bench bench-scale soak migrations messages clean stop-embedded

help:
	@echo "make demo    install, start embedded services, migrate, seed both towns, run web + worker + beat"
	@echo "make test    the whole test suite (real PostgreSQL and Redis; embedded ones if none run)"
	@echo "make test-clean  drop test databases that killed test runs left behind"
	@echo "make e2e-deps  axe-core for the browser tests (npm ci in tests/e2e; Chromium: apt-get install chromium)"
	@echo "make lint    ruff check + format check + makemigrations --check + import-linter layers + mypy"
	@echo "make bench   benchmarks under tests/perf/"
	@echo "make bench-scale  2,477 towns in one PostgreSQL: onboarding, migrations, throughput, size"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	touch $(STAMP)

$(TOOLS_STAMP):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --upgrade pip
	$(TOOLS)/bin/pip install --quiet "checkov>=3.2,<4"
	touch $(TOOLS_STAMP)

install: $(STAMP) $(TOOLS_STAMP)

tools: $(TOOLS_STAMP)

demo: $(STAMP)
	$(PY) manage.py run_demo

test: $(STAMP) $(TOOLS_STAMP)
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile

test-clean: $(STAMP)
	DJANGO_SETTINGS_MODULE=eurzad.settings.test $(PY) -m tests.clean_databases

e2e: $(STAMP)
	$(PY) -m pytest -q -m e2e tests/e2e

e2e-deps:
	npm ci --prefix tests/e2e --no-audit --no-fund

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=eurzad.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(STAMP)
	$(PY) -m pytest -q -s -p no:randomly tests/perf -m "perf and not scale" -p no:logging --override-ini="norecursedirs="

# 60 s of load on both towns while Redis, the database and a worker fail in turn.
soak: $(STAMP)
	$(PY) -m pytest -q -s -p no:randomly tests/perf/test_soak.py -m soak -p no:logging --override-ini="norecursedirs="

bench-scale: $(STAMP)
	$(PY) -m pytest -q -s -p no:randomly tests/perf/test_scale.py -m scale --override-ini="norecursedirs="

migrations: $(STAMP)
	$(PY) manage.py makemigrations

messages: $(STAMP)
	cd $(CURDIR) && $(PY) manage.py makemessages -l pl -l en --ignore=.venv --ignore=$(TOOLS) --ignore=.eurzad --ignore=node_modules --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv --ignore=$(TOOLS)

stop-embedded: $(STAMP)
	$(PY) -m eurzad.embedded stop

clean:
	rm -rf $(VENV) $(TOOLS) staticfiles
