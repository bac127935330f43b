# Frontline: two commands on a fresh machine.
#   make run   create .venv, install, build the data from seeds/, serve on 127.0.0.1:8050
#   make test  the same set-up plus Debian chromium, then ruff, mypy and the whole pytest suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= $(or $(FRONTLINE_HOST),127.0.0.1)
PORT ?= $(or $(FRONTLINE_PORT),8050)

.PHONY: run test data lint typecheck bench bench-smoke browser screenshot clean help

help:
	@echo "make run | make test | make data | make lint | make bench | make screenshot | make clean"

$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

browser:
	@bash scripts/ensure-chromium.sh

data: $(VENV)/.runtime
	$(PY) -m geodata build
	$(PY) -m timeline ingest
	$(PY) -m timeline build

run: data
	$(PY) -m dashboard --host $(HOST) --port $(PORT)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy

test: $(VENV)/.dev browser lint typecheck
	$(PY) -m pytest

bench: data $(VENV)/.dev browser
	$(PY) -m bench

bench-smoke: $(VENV)/.dev
	$(PY) -m bench --smoke

screenshot: data $(VENV)/.dev browser
	$(PY) scripts/screenshot.py docs/screenshot.png

clean:
	rm -rf data .pytest_cache .mypy_cache .ruff_cache
