# Two commands on a fresh machine: `make lab` and `make test`. Everything else is optional.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT  ?= 8888

.PHONY: lab test unit notebooks execute bench html present clean

# (Re)create the venv whenever requirements.txt or pyproject.toml changes.
$(STAMP): requirements.txt pyproject.toml
	python3 -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

## Set everything up and open JupyterLab on 127.0.0.1 (token authentication on).
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
	    --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

## Set everything up and run every check: lint, format, unit tests, nbval on every notebook.
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

## Only the library's unit tests (fast).
unit: $(STAMP)
	$(PY) -m pytest tests

## Only the notebooks, under strict nbval.
notebooks: $(STAMP)
	$(PY) -m pytest notebooks

## Re-execute every notebook in place (one clean Restart & Run All each), for committing outputs.
execute: $(STAMP)
	$(PY) tools/execute_notebooks.py

## Benchmarks: figures and ratios, printed (never a test).
bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) _site test-artifacts .pytest_cache .hypothesis
