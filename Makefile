# termsite — two commands matter: `make serve` and `make test`.
# Every target sets up what it needs, so a fresh clone works with either.

SHELL := /bin/bash
.DEFAULT_GOAL := serve

VENV     := .venv
PY       := $(VENV)/bin/python
TERMSITE := $(VENV)/bin/termsite
PY_READY := $(VENV)/.installed
JS_READY := node_modules/.installed

.PHONY: serve site test check bench clean setup chromium goldens

## serve: set up, build the starter site and serve it with live reload at http://127.0.0.1:8000
serve: setup
	$(TERMSITE) serve --dev-addr 127.0.0.1:8000

## site: one-shot build of the starter site into site/
site: setup
	$(TERMSITE) build

## test: set up (Chromium included) and run every test, browser tests too
test: setup chromium
	$(PY) -m pytest -n 2 --dist loadgroup

## goldens: rebuild tests/goldens/project and rewrite the goldens in tests/goldens/expected/
goldens: $(PY_READY)
	$(PY) -m pytest tests/goldens --regenerate-goldens -q

## check: ruff and mypy
check: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## bench: print the benchmark tables (calculators; builds at 1,000 and 10,000 entries) and every goal beside its figure
bench: setup chromium
	$(PY) scripts/bench_calculators.py
	$(PY) scripts/bench_table.py --entries 1000 10000

## clean: remove everything the build and setup made
clean:
	rm -rf site .site-* .termsite-cache $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist *.egg-info

setup: $(PY_READY) $(JS_READY)

$(PY_READY): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(JS_READY): package.json package-lock.json .npmrc
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

chromium:
	@scripts/ensure-chromium.sh
