# skinlab: the two commands a learner needs are `make lab` and `make test`.
# Everything runs from a local virtual environment in .venv, built from requirements/lock.txt.

SHELL := /bin/bash
# Python's default: compiled modules (and pytest's rewritten test modules) are cached in
# __pycache__ (git-ignored), so a second test run does not recompile them (a shell that sets
# PYTHONDONTWRITEBYTECODE made make test-fast 10 s slower).
unexport PYTHONDONTWRITEBYTECODE
# The first of these that runs and is Python 3.11 or newer.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11 python; do \
             $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
             >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV ?= .venv
BIN := $(VENV)/bin
LOCK ?= requirements/lock.txt
# make test: the tests and the notebooks run on this many processes (pytest-xdist), a test module
# or a notebook (compared cell by cell in one kernel) at a time on one process.
WORKERS ?= 2
MY_WORK ?= my-work
# make execute NB=03_microneedling: execute one notebook (empty: all of them)
NB ?=
LAB_ARGS ?=
PYTEST_ARGS ?=
# As root (a container, a classroom server) Jupyter needs --allow-root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
CONSTRAINTS := $(if $(LOCK),-c $(LOCK),)

.PHONY: help lab test test-fast setup setup-test execute audit bench student answer-keys figures \
	notebook-text lock clean book handouts test-site check-links hub hub-stop voila \
	classroom-bench class-report setup-hub

help:
	@echo "make lab      set up .venv and open the course in JupyterLab (your work: $(MY_WORK)/)"
	@echo "make test     set up .venv with test tools and run every test"
	@echo "make test-fast  the quick inner loop: no browser, no kernels, no notebooks"
	@echo "make execute  re-run every notebook in notebooks/ from a fresh kernel, in place"
	@echo "               (make execute NB=03_microneedling: one notebook)"
	@echo "make audit    print the course audit (JSON)"
	@echo "make student  write the learner versions of the exercises (exercises/student/)"
	@echo "make figures  redraw the static figures and their alt text (figures/)"
	@echo "make notebook-text  regenerate objectives, times, disclaimer, references, map, glossary"
	@echo "make answer-keys  write the quiz answer keys for teachers (_build/answer-keys/)"
	@echo "make bench    time every explorer's update (writes benchmarks/results.json)"
	@echo "make book     build the course as a website, with no network: open _build/book/index.html"
	@echo "make handouts print each notebook and the instructor's key to PDF (_build/handouts/)"
	@echo "make test-site  the website and handout tests on the whole course (make test: two notebooks)"
	@echo "make hub      a JupyterHub for a class on this machine (127.0.0.1); make hub-stop stops it"
	@echo "make voila    the explorers as an app for a projector (Voila, 127.0.0.1)"
	@echo "make classroom-bench N=30  N simulated learners on make hub (benchmarks/classroom.json)"
	@echo "make lock     refresh requirements/lock.txt from the ranges in pyproject.toml"

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "skinlab needs Python 3.11 or newer, and none was found on PATH."; \
	  echo "Install it (python.org or your package manager), then run make again."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.lab-installed: $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/python -m pip install --quiet $(CONSTRAINTS) -e .
	$(BIN)/python -m skinlab lab-settings
	@touch $@

# One pip run installs what make lab and make hub need too (a second run costs about 15 s more on
# a fresh clone), so both stay set up after make test.
$(VENV)/.test-installed: $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/python -m pip install --quiet $(CONSTRAINTS) -e '.[test,hub]'
	$(BIN)/python -m skinlab lab-settings
	@$(MAKE) --no-print-directory $(CHP)
	@touch $(VENV)/.lab-installed $(VENV)/.hub-installed $@

# make hub's proxy, configurable-http-proxy, from npm into the project (never system-wide); where
# npm is missing, make hub and its tests say so (SKINLAB_REQUIRE_NODE=1, set by .ci/run, fails).
CHP := .hub/node_modules/.bin/configurable-http-proxy
$(CHP):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix .hub configurable-http-proxy@5.3.0; \
	else echo "npm not found: make hub needs Node.js and npm (apt-get install nodejs npm)"; fi

$(VENV)/.hub-installed: $(VENV)/.lab-installed
	$(BIN)/python -m pip install --quiet $(CONSTRAINTS) -e '.[hub]'
	@$(MAKE) --no-print-directory $(CHP)
	@touch $@

setup: $(VENV)/.lab-installed
setup-test: $(VENV)/.test-installed
setup-hub: $(VENV)/.hub-installed

lab: setup
	@$(BIN)/python -m skinlab lab-settings
	@$(BIN)/python -m skinlab workspace --target "$(MY_WORK)"
	cd "$(MY_WORK)" && "$(abspath $(BIN))/jupyter" lab 00_start_here.ipynb $(ROOT_FLAG) $(LAB_ARGS)

test: setup-test
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  echo "browser tests not run: apt-get install chromium"
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadscope --no-loadscope-reorder tests notebooks $(PYTEST_ARGS)

test-fast: setup-test
	SKINLAB_HYPOTHESIS=fast $(BIN)/python -m pytest -n $(WORKERS) tests -m "not browser and not kernel and not slow" \
	  -o addopts="-p no:cacheprovider" -q $(PYTEST_ARGS)

execute: setup-test
	$(BIN)/python -m skinlab execute notebooks $(if $(NB),--only $(NB),)
	$(BIN)/python -m skinlab notebook-text notebooks

bench: setup-test
	$(BIN)/python benchmarks/bench.py $(if $(ONLY),--only $(ONLY),)

# make book: after setup, the build runs in a network namespace with no network (unshare -rn), so
# any fetch fails it. Where namespaces are refused, SKINLAB_ALLOW_NO_NETNS=1 builds without one.
OFFLINE = if unshare -rn true 2>/dev/null; then unshare -rn $(1); \
	  elif [ "$$SKINLAB_ALLOW_NO_NETNS" = 1 ]; then \
	    echo "(no network namespace here: building with the network reachable)"; $(1); \
	  else echo "network namespaces are refused here (unshare -rn): set SKINLAB_ALLOW_NO_NETNS=1 \
	to build without one" >&2; exit 1; fi

book: setup
	@$(call OFFLINE,$(BIN)/python -m skinlab book $(if $(BOOK_ONLY),--only $(BOOK_ONLY),))

handouts: book
	@$(call OFFLINE,$(BIN)/python -m skinlab handouts)

test-site: setup-test
	SKINLAB_SITE=full $(BIN)/python -m pytest -n $(WORKERS) --dist loadscope tests/test_site.py \
	  tests/test_handouts.py -o addopts="-p no:cacheprovider" $(PYTEST_ARGS)

check-links: setup
	$(BIN)/python -m skinlab check-links

# A class on JupyterHub, on this machine (127.0.0.1): a teacher's dry run. Ctrl-C or make hub-stop.
hub: setup-hub
	$(BIN)/python -m skinlab hub start

hub-stop:
	$(BIN)/python -m skinlab hub stop

# The explorers as an app for a projector (Voila), on 127.0.0.1.
voila: setup-hub
	$(BIN)/python -m skinlab voila

# N simulated learners on make hub (default: runs at several sizes up to 30).
classroom-bench: setup-hub
	$(BIN)/python benchmarks/classroom.py $(if $(N),--learners $(N),)
	$(BIN)/python -c "from skinlab.tools import suite; suite.write_sizing('.')"

answer-keys: setup
	$(BIN)/python -m skinlab answer-keys

student: setup
	$(BIN)/python -m skinlab student exercises

figures: setup
	$(BIN)/python -m skinlab figures

notebook-text: setup
	$(BIN)/python -m skinlab notebook-text notebooks

audit: setup
	$(BIN)/python -m skinlab audit

lock: $(BIN)/python
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade "pip>=24"
	.lock-venv/bin/python -m pip install --quiet -e '.[test]'
	.lock-venv/bin/python -m pip freeze --all --exclude-editable --exclude skinlab --exclude pip \
	  | grep -v '^-e ' | sort -f > $(LOCK)
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) _build .pytest_cache .hub
