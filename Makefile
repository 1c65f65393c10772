# Doorstep. `make run` serves the demo; `make test` runs the whole suite; `make check` lints.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: bench load faults help install system-packages assets lock run test test-fast test-browser check migrate demo worker

help:
	@echo "make run    - install everything, load the demo landlord and serve http://127.0.0.1:8000"
	@echo "make test   - the whole test suite (unit, integration, browser)"
	@echo "make check  - ruff, mypy and migration checks"

install: system-packages $(STAMP) assets

# Debian packages, only when missing: Chromium for the browser tests; Pango and a font for
# WeasyPrint's PDFs (safeguarding referral forms); pg_dump/pg_restore for `manage.py backup`.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	dpkg -s libpango-1.0-0 >/dev/null 2>&1 || missing="$$missing libpango-1.0-0"; \
	dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || missing="$$missing libpangoft2-1.0-0"; \
	dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing="$$missing fonts-dejavu-core"; \
	command -v pg_dump >/dev/null 2>&1 || missing="$$missing postgresql-client"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV)/bin/python:
	"$$(scripts/find-python)" -m venv $(VENV)

$(STAMP): $(VENV)/bin/python requirements.lock pyproject.toml
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements.lock
	@touch $(STAMP)

# Front-end: built files are vendored (committed). Rebuild from the npm lock with `make assets FORCE=1`.
assets:
	@if [ -n "$(FORCE)" ] || [ ! -f doorstep/core/static/vendor/doorstep.css ] || [ ! -f tests/browser/vendor/axe.min.js ]; then \
	  cd frontend && npm ci --no-audit --no-fund && node build.mjs; \
	fi

# Regenerate requirements.lock from pyproject.toml (exact pins for every package).
lock: $(VENV)/bin/python
	$(PIP) install -q pip-tools
	$(VENV)/bin/pip-compile --quiet --strip-extras --extra dev --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput

run: install
	@mkdir -p var
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_demo
	DEBUG=true $(PY) manage.py resume_letter_runs
	@# The task worker (letter runs, imports, emails) runs beside the web server and stops with it.
	@DEBUG=true $(PY) manage.py db_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000

# Restart PostgreSQL and kill a gunicorn worker during a bounded loopback load (about 90 s);
# writes var/faults/report.md. Restarts the local PostgreSQL: never next to a live service.
faults: install
	$(PY) scripts/faults.py

# Server time of the busiest pages against their SQL floor, on the database of DATABASE_URL
# (a generated landlord: `manage.py generate_scale --homes N`). Not part of `make test`.
bench: install
	$(PY) bench/run.py

# 100 simulated officers for 3 minutes against gunicorn (4 workers) on 127.0.0.1, bounded;
# needs a generated landlord (its officers sign in with a known password).
load: install
	$(PY) bench/load.py

# Letter runs a stopped worker left unfinished are queued again first (none is sent twice).
worker: install
	$(PY) manage.py resume_letter_runs
	$(PY) manage.py db_worker

test: install
	$(VENV)/bin/pytest -n 2 -p no:cacheprovider

test-fast: install
	$(VENV)/bin/pytest -n 2 -m "not browser"

check: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy doorstep config
	DOORSTEP_TESTING=1 $(PY) manage.py makemigrations --check --dry-run
	# Known vulnerabilities in the pinned packages (PyPI advisory database; needs the network).
	$(PY) scripts/audit_dependencies.py
