# Two commands a newcomer needs: `make lab` (run the course) and `make test` (run every test).
# Both create .venv when it is missing and install what they need into it; `make fast` is the
# developer's inner loop (every test but the slow and the browser tiers, see tests/conftest.py).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two install stamps: the course alone (what `make lab` needs), then the `test` extra on top
# (pytest, mypy, Playwright, ...). Whichever command comes first, the other installs only what
# is missing.
COURSE_STAMP := $(VENV)/.installed-course
TEST_STAMP := $(VENV)/.installed-test
# axe-core, the accessibility engine the browser tests run in each lesson's page (from npm).
AXE_CORE_VERSION := 4.14.1
AXE_DIR := $(VENV)/axe-core-$(AXE_CORE_VERSION)
AXE := $(AXE_DIR)/node_modules/axe-core/axe.min.js

# JupyterLab as `make lab` starts it: the repository root is its root (the file browser reaches
# notebooks/ and exercises/), and the URL it opens or prints leads to lesson 00. As root (a
# container, a CI box) JupyterLab refuses to start without --allow-root. tests/test_make_lab.py
# starts this very line (through `make lab`) and asks the server over HTTP what it serves.
LAB_START := notebooks/00_start_here.ipynb
LAB_COMMAND = $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
	--LabApp.default_url=/lab/tree/$(LAB_START) \
	$(if $(filter 0,$(shell id -u)),--allow-root)
# Extra options for one run, e.g. `make lab LAB_OPTIONS=--no-browser`.
LAB_OPTIONS ?=

.PHONY: install lab test fast chromium bubblewrap exercises clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(COURSE_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Only the extra's own requirements, read from the installed package's metadata: the course
# itself is already installed (and not built a second time).
define TEST_EXTRA
import importlib.metadata
from packaging.requirements import Requirement
for line in importlib.metadata.requires("sourcewise") or []:
    requirement = Requirement(line)
    if requirement.marker is not None and requirement.marker.evaluate({"extra": "test"}):
        requirement.marker = None
        print(requirement)
endef
export TEST_EXTRA
$(TEST_STAMP): $(COURSE_STAMP)
	$(BIN)/python -c "$$TEST_EXTRA" > $(VENV)/test-requirements.txt
	$(BIN)/python -m pip install --quiet -r $(VENV)/test-requirements.txt
	touch $@

# The full install under its earlier name (notes and habits still say `make .venv/.installed`).
$(VENV)/.installed: $(TEST_STAMP)
	touch $@

# The course and the teacher's tools (`sourcewise grade`), nothing else; no server started.
install: $(COURSE_STAMP)

lab: $(COURSE_STAMP)
	$(LAB_COMMAND) $(LAB_OPTIONS)

# Everything, as CI runs it (.ci/run): nothing is skipped or deselected.
test: $(TEST_STAMP) chromium bubblewrap $(AXE)
	SOURCEWISE_AXE="$(CURDIR)/$(AXE)" $(BIN)/python -m pytest

# The inner loop: the library, its doctests and every check that needs no built environment,
# no notebook run, no nbgrader run and no browser (well under a minute).
fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -m "not slow and not browser"

# Debian packages the tests need, installed when missing (as root, with apt-get), else the
# command to run: $(call need,COMMAND,PACKAGE,WHO NEEDS IT)
define need
	@command -v $(1) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "$(3) need $(2): installing it (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	  else \
	    echo "$(3) need $(2): run 'sudo apt-get install $(2)' once, then 'make test'." >&2; exit 1; \
	  fi; }
endef

# The browser tests (tests/browser) drive Debian's Chromium: Playwright cannot download its own here.
chromium:
	$(call need,chromium,chromium,The browser tests)

# `sourcewise grade` runs student code in a bubblewrap sandbox; tests/test_attacks.py tries it for real.
bubblewrap:
	$(call need,bwrap,bubblewrap,The grading tests)

$(AXE): | $(BIN)/python
	@command -v npm >/dev/null 2>&1 || { \
	  echo "The accessibility tests need npm to fetch axe-core: run 'sudo apt-get install npm' once, then 'make test'." >&2; exit 1; }
	npm install --prefix "$(AXE_DIR)" --no-save --no-audit --no-fund --loglevel=error axe-core@$(AXE_CORE_VERSION)
	test -f $@

# After editing solutions/: regenerate the students' release in exercises/ (the tests check it).
exercises: $(COURSE_STAMP)
	$(BIN)/python tools/release_exercises.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache
