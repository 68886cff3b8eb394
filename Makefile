# glocal: `make demo` sets up .venv, plans the example and evaluates its sample results; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PROGRAM ?= leading-through-change

.PHONY: demo test test-deps lint typecheck docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The example is a portfolio: two programs sharing one team (facilitators.yaml at the root).
demo: $(STAMP)
	$(BIN)/glocal plan --all
	$(BIN)/glocal validate out/$(PROGRAM)/schedule.json
	$(BIN)/glocal validate out/feedback-that-lands/schedule.json
	$(BIN)/glocal evaluate $(PROGRAM) --results results/$(PROGRAM) --out out/$(PROGRAM) --today 2027-10-15

# Node (ical.js), Debian packages (chromium, khal, libical, gettext) for the external checks.
test-deps: $(STAMP)
	bash scripts/setup-test-deps.sh

test: test-deps lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy src

docs: $(STAMP)
	$(BIN)/python scripts/gen_cli_docs.py > docs/cli.md

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis tests/js/node_modules
