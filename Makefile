# Everyday commands. `make run` and `make test` work on a fresh clone with only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run serve test test-browser lint format bench bench-scale lighthouse mutants setup clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Content is loaded only into an empty database or when fixtures/ changed since the last load or
# export, and never over admin edits not yet exported (load_content says so and leaves them).
setup: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_content --if-changed

run: setup
	@echo "CareerPath is at http://127.0.0.1:$(PORT)/"
	SITE_URL=http://127.0.0.1:$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The production stack on one machine: nginx (deploy/nginx.conf) on 127.0.0.1:$(PORT) in front of
# gunicorn (WEB_CONCURRENCY workers, default 2), DEBUG=0. Runtime files in .serve/. Ctrl-C stops.
serve: $(STAMP)
	PORT=$(PORT) $(BIN)/python scripts/serve.py

test: $(STAMP)
	$(BIN)/python -m pytest

test-browser: $(STAMP)
	REQUIRE_BROWSER=1 $(BIN)/python -m pytest tests/browser

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

bench-scale: $(STAMP)
	$(BIN)/python scripts/bench.py --scale-out

lighthouse: $(STAMP)
	bash scripts/lighthouse.sh

# Mutation testing of the domain logic, each module against its own tests (not part of `make test`).
# ONLY=roadmap/progress.py runs one module.
mutants: $(STAMP)
	$(BIN)/python scripts/mutants.py $(ONLY)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache test-artifacts mutants
