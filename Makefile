# kreislauf — the README's two commands (`make demo`, `make test`) and their helpers.
# Needs Python 3.11+ on the PATH as python3 (or PYTHON=/path/to/python3.11).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck unit bench bench-web docs clean install

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kreislauf needs Python 3.11 or newer; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: set everything up, load the demo region into SQLite and run the main job
demo: $(STAMP)
	$(BIN)/kreislauf demo

## test: the whole test suite with lint (ruff) and type check (mypy on the core)
test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

## bench: speed and memory of matching on a generated region (20,000 actors, 100,000 streams)
bench: $(STAMP)
	$(BIN)/python -m bench.run

## bench-web: API p95 with 50 concurrent clients (ApacheBench: apt-get install apache2-utils)
## and the map page with 5,000 actors in headless Chromium
bench-web: $(STAMP)
	$(BIN)/python -m bench.web_load_ab 2 20
	$(BIN)/python -m bench.web_map

## docs: regenerate the CLI reference from --help
docs: $(STAMP)
	$(BIN)/python -m kreislauf.cli.docs

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
