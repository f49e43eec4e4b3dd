# Two commands on a fresh machine: `make lab` and `make test`. Everything else is optional.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# configurable-http-proxy for the class-server test and benchmark, pinned in hub/package-lock.json
HUB_PROXY := hub/node_modules/.installed
PORT  ?= 8888
PRESENT_PORT ?= 8866

.PHONY: lab lab-instructor test unit notebooks browser execute bench bench-browser bench-hub hub-proxy \
	hub-test html present assignments clean

# (Re)create the venv whenever requirements.txt or pyproject.toml changes; this package is
# installed with it, editable (`-e .`), so changes to backprop_lib/ take effect at once.
# pip installs uv (pinned in requirements.txt), uv the rest: the same packages, in about a
# minute instead of four (measured on a fresh clone here). requirements-excluded.txt says what
# is left out, and why.
# Python writes each module's .pyc file the first time a process imports it (its default).
# Where the environment turns that off (PYTHONDONTWRITEBYTECODE, as it is here), every process
# compiles what it imports again (SymPy alone: 2.7 s of CPU instead of 0.5 s) and make test
# starts over a hundred kernels, so these recipes run without it. Compiling only what is
# imported, when it is, costs a fraction of compiling the whole venv at install (uv's
# --compile-bytecode: 37 s of CPU for its 9 600 files, measured here).
unexport PYTHONDONTWRITEBYTECODE

$(STAMP): requirements.txt requirements-excluded.txt pyproject.toml
	python3 -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "$$(grep -o '^uv==[^ ]*' requirements.txt)"
	$(VENV)/bin/uv pip install --quiet --python $(PY) --excludes requirements-excluded.txt \
	    -r requirements.txt -e .
	touch $(STAMP)

## The JupyterHub proxy (configurable-http-proxy, from npm, at the version in
## hub/package-lock.json) for tests/e2e/test_hub.py and benchmarks/bench_hub.py; needs npm.
hub-proxy: $(HUB_PROXY)
$(HUB_PROXY): hub/package.json hub/package-lock.json
	npm ci --prefix hub --no-audit --no-fund --loglevel=error
	touch $(HUB_PROXY)

## Set everything up and open JupyterLab on 127.0.0.1 (token authentication on) at the start
## page, notebooks/00_start_here.md; the address with its token is printed in a banner.
## tools/lab.py also installs tools/lab_settings.json as the venv's JupyterLab defaults.
## It is the student's JupyterLab (tools/student_lab/): no nbgrader instructor tools, no
## solutions/ in the file browser, prose about 90 characters a line.
lab: $(STAMP)
	$(PY) tools/lab.py --port=$(PORT)

## The instructor's JupyterLab: the same, with nbgrader's menu, formgrader, Create Assignment
## and Validate, and the solutions in the file browser.
lab-instructor: $(STAMP)
	$(PY) tools/lab.py --port=$(PORT) --instructor

## Set everything up and run every check: lint, format, unit tests, nbval on every notebook,
## and the browser tests (skipped, with the reason shown, when /usr/bin/chromium is missing;
## BACKPROP_REQUIRE_BROWSER=1 makes that a failure).
## Two pytest runs side by side, one per core: the browser tests (tests/e2e, mostly waiting on
## a server and Chromium, while the static site and the hub's Binder venv build beside them;
## their report is printed when all is done) and everything else (printed as it runs). Separate
## processes, so nbval's kernels are never shared (no xdist). Then, on whichever core is free
## first, the unit tests once more in another floating-point environment (tools/fp_env.py:
## NumPy at its baseline SIMD level, another OpenBLAS kernel, one thread); the notebooks get
## theirs in tests/test_packaging.py, run from the installed wheel. A result that only this
## CPU's rounding gives fails one of the two.
test: $(STAMP) $(HUB_PROXY)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@logs=$$(mktemp -d); \
	( $(PY) -m pytest -rs tests/e2e > $$logs/e2e 2>&1; echo $$? > $$logs/e2e.rc ) & \
	( $(PY) -m pytest -rs --ignore=tests/e2e; echo $$? > $$logs/rest.rc ) & \
	wait -n; \
	$(PY) tools/fp_env.py -- $(PY) -m pytest -q -m "not browser and not slow" tests \
	    --ignore=tests/e2e > $$logs/fp 2>&1; echo $$? > $$logs/fp.rc; \
	wait; \
	echo "==================== unit tests in another floating-point environment ===================="; \
	cat $$logs/fp; \
	echo "==================== browser tests (tests/e2e) ===================="; \
	cat $$logs/e2e; \
	rest=$$(cat $$logs/rest.rc) fp=$$(cat $$logs/fp.rc) e2e=$$(cat $$logs/e2e.rc); rm -rf $$logs; \
	echo "pytest exit codes: tests and notebooks $$rest, other FP environment $$fp, browser tests $$e2e"; \
	exit $$(( rest || fp || e2e ))

## Only the library's unit tests (under a minute; no browser, no hub, none of the slow
## integration tests that build a venv, an nbgrader course or the site, or run a program or a
## kernel of their own).
unit: $(STAMP)
	$(PY) -m pytest tests -m "not browser and not slow" --ignore=tests/e2e

## Only the class-server test: a real JupyterHub, three students (tests/e2e/test_hub.py).
hub-test: $(STAMP) $(HUB_PROXY)
	$(PY) -m pytest tests/e2e/test_hub.py -rs

## Only the notebooks, under strict nbval.
notebooks: $(STAMP)
	$(PY) -m pytest notebooks

## Only the end-to-end tests in headless Chromium: JupyterLab and Voila on a temporary copy.
browser: $(STAMP)
	$(PY) -m pytest tests/e2e -m browser -rs

## Presenter mode: the playground alone, filling the window (Voila serving presenter/, no
## prose, no code; 127.0.0.1, token). presenter/voila.json: nothing loaded from other hosts
## (a Content-Security-Policy of 'self'), and a closed page's kernel shut down within ~35 s.
present: $(STAMP)
	$(VENV)/bin/voila presenter/playground_app.ipynb --Voila.ip=127.0.0.1 \
	    --Voila.port=$(PRESENT_PORT) --token --Voila.config_file_paths=presenter

## Static site for reading without a kernel or a network: the start page, every notebook with
## its stored outputs, and a copy of MathJax, in _site/ (open _site/index.html).
html: $(STAMP)
	$(PY) tools/build_html.py _site

## Re-execute every notebook in place (one clean Restart & Run All each), for committing outputs.
execute: $(STAMP)
	$(PY) tools/execute_notebooks.py

## An nbgrader course in course/ (git-ignored): one assignment per notebook with exercises,
## solutions from notebooks/solutions/, the student release in course/release/.
assignments: $(STAMP)
	$(PY) tools/make_assignments.py course

## Benchmarks: figures and ratios, printed (never a test).
bench: $(STAMP)
	$(PY) benchmarks/run.py

## The playground in Chromium: control latency and Play's frames per second (never a test).
bench-browser: $(STAMP)
	$(PY) benchmarks/bench_browser.py

## A class on JupyterHub: per-student memory, CPU per Play second, control latency for 1, 5
## and 10 students (never a test).
bench-hub: $(STAMP) $(HUB_PROXY)
	$(PY) benchmarks/bench_hub.py

clean:
	rm -rf $(VENV) _site test-artifacts .pytest_cache .hypothesis build/binder-venv hub/node_modules
