# Two commands a newcomer needs: `make lab` (run the course) and `make test` (run every test).
# Both create .venv when it is missing and install what they need into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test exercises clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest

# After editing solutions/: regenerate the students' release in exercises/ (the tests check it).
exercises: $(STAMP)
	$(BIN)/python tools/release_exercises.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache
