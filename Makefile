# Two commands a newcomer needs: `make lab` (run the course) and `make test` (run every test).
# Both create .venv when it is missing and install what they need into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test chromium bubblewrap exercises clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# As root (a container, a CI box) JupyterLab refuses to start without --allow-root.
lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/00_start_here.ipynb

test: $(STAMP) chromium bubblewrap
	$(BIN)/python -m pytest

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

# After editing solutions/: regenerate the students' release in exercises/ (the tests check it).
exercises: $(STAMP)
	$(BIN)/python tools/release_exercises.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache
