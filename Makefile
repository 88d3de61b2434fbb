# One obvious way to run each thing. Python 3.12 is preferred (better spaCy model); 3.11 works.
PY ?= $(shell PYENV_VERSION=3.12.1 python3.12 --version >/dev/null 2>&1 && echo "env PYENV_VERSION=3.12.1 python3.12" || echo python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= warlog.db

.PHONY: venv install demo test test-fast fuzz bench bench-quick eval lint clean chromium

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/warlog ingest examples/reports --db $(DB)
	$(BIN)/warlog events --db $(DB)
	mkdir -p out
	$(BIN)/warlog export --db $(DB) --format acled-csv -o out/events.csv
	$(BIN)/warlog export --db $(DB) --format geojson -o out/events.geojson

test: install
	@command -v chromium >/dev/null || echo "note: no chromium, the browser tests will be skipped (make chromium installs it)"
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -q

# Debian's Chromium for the browser tests and PDF reports (Playwright drives it and downloads nothing).
chromium:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -p no:warnings tests/test_fuzz.py

bench: install
	$(BIN)/python bench/run.py

bench-quick: install
	$(BIN)/python bench/run.py --quick

eval: install
	WARLOG=$(BIN)/warlog bash scripts/run_evals.sh docs/benchmarks.md

lint: install
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) out $(DB) $(DB)-wal $(DB)-shm .pytest_cache
