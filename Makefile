# One command for each routine act. Everything installs itself into .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench bundle smoke clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.run-deps

## make run: install the app into .venv and open the window
run: $(VENV)/.run-deps
	@sh packaging/system-deps.sh check runtime
	$(BIN)/debrief

## make test: lint first, install system dependencies, then run the whole suite headless
test: lint
	@sh packaging/system-deps.sh install test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

## make lint: style, the import contracts (no Qt in the domain, layers point down),
## checked types and dead code; settings in pyproject.toml
lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/vulture

## make bench: speed, memory and accuracy figures (not part of the suite)
bench: $(VENV)/.test-deps
	$(BIN)/python bench/transcribe.py --minutes 10
	$(BIN)/python bench/eval_analysis.py
	$(BIN)/python bench/review_open.py
	$(BIN)/python bench/sessions_list.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

## make bundle: a one-folder desktop bundle in dist/debrief (see packaging/README.md)
bundle: $(VENV)/.run-deps
	$(BIN)/python -m pip install -q 'pyinstaller>=6.10'
	$(BIN)/python packaging/make_icons.py build/icons
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/debrief.spec
	cp -r build/icons dist/debrief/icons
	cp packaging/io.github.debrief.Debrief.desktop packaging/io.github.debrief.Debrief.metainfo.xml dist/debrief/

## make smoke: build the bundle and run it with no Python and no network
smoke:
	bash packaging/smoke.sh
