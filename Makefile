# Frontline: two commands on a fresh machine.
#   make run        create .venv, install, build the data from seeds/, serve on 127.0.0.1:8050
#   make test       the same set-up plus Debian chromium, LibreOffice and npm's ESLint, then ruff, ESLint,
#                   mypy and the whole pytest suite (what CI runs: .ci/run)
#   make serve      the same on gunicorn with WORKERS processes (default 2), for a team
#   make services   install (Debian) and start PostgreSQL 15 + PostGIS and Redis when missing:
#                   the team deployment's engines, and what tests/team runs against
#   make test-fast  unit + golden tests (with the Node tier) but not those marked slow (the
#                   ones that render through Chromium): the edit loop, under a minute
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= $(or $(FRONTLINE_HOST),127.0.0.1)
PORT ?= $(or $(FRONTLINE_PORT),8050)
WORKERS ?= $(or $(FRONTLINE_WORKERS),2)

.PHONY: run serve test test-fast data lint typecheck bench bench-smoke browser services screenshot clean help

help:
	@echo "make run | make test | make services | make test-fast | make data | make lint | make bench | make screenshot | make clean"

# The pinned requirements, then the project itself (editable, no dependencies: the pins
# are requirements.txt's), which puts the `frontline` command in .venv/bin.
$(VENV)/.runtime: requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# ESLint, pinned by package-lock.json; the app needs no npm package at run time.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

browser:
	@bash scripts/ensure-chromium.sh

services:
	@bash scripts/ensure-services.sh

data: $(VENV)/.runtime
	$(PY) -m geodata build
	$(PY) -m timeline ingest
	$(PY) -m timeline build

run: data
	$(PY) -m dashboard --host $(HOST) --port $(PORT)

# The team server: gunicorn with WORKERS processes (default 2) on the configured store
# (set FRONTLINE_DATABASE_URL and FRONTLINE_BROKER_URL first: README "Deploying for a team").
serve: data
	$(PY) -m dashboard --host $(HOST) --port $(PORT) --workers $(WORKERS)

lint: $(VENV)/.dev node_modules/.installed
	$(VENV)/bin/ruff check .
	node_modules/.bin/eslint .

typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy

test: $(VENV)/.dev browser services lint typecheck
	$(PY) -m pytest

test-fast: $(VENV)/.dev
	$(PY) -m pytest tests/unit tests/golden -q -m "not slow"

bench: data $(VENV)/.dev browser
	$(PY) -m bench

bench-smoke: $(VENV)/.dev
	$(PY) -m bench --smoke

screenshot: data $(VENV)/.dev browser
	$(PY) scripts/screenshot.py docs/screenshot.png

clean:
	rm -rf data .pytest_cache .mypy_cache .ruff_cache
