# Sourcedesk — `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export SOURCEDESK_DATA_DIR ?= $(CURDIR)/var
PYTEST := $(BIN)/pytest
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: help install demo serve test test-fast test-browser test-postgres lint format bench messages check-deploy clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-15s\033[0m %s\n", $$1, $$2}'

$(BIN)/sourcedesk: pyproject.toml requirements/lock.txt $(wildcard requirements/extra.txt)
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/lock.txt $(if $(wildcard requirements/extra.txt),-r requirements/extra.txt)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(BIN)/sourcedesk

install: $(BIN)/sourcedesk ## Create .venv and install the pinned dependencies

demo: install ## Set up, seed an invented demo desk and serve it at http://127.0.0.1:8000
	$(BIN)/sourcedesk migrate --noinput
	$(BIN)/sourcedesk demo
	$(BIN)/sourcedesk serve --host 127.0.0.1 --port 8000

serve: install ## Serve the desk (migrations applied) at http://127.0.0.1:8000
	$(BIN)/sourcedesk migrate --noinput
	$(BIN)/sourcedesk serve --host 127.0.0.1 --port 8000

RISKY_CORE := */vault/*,*/protect/*,*/facts/parser.py,*/facts/convert.py,*/services.py,*/selectors.py,*/audit/chain.py
COVERAGE_MIN ?= 85

test: install ## Run the test suite on SQLite, with the coverage gate on the risky core (browser tests: make test-browser)
	$(PYTEST) -m "not browser" -q -n 2 --dist loadfile --cov=sourcedesk --cov-report=
	$(BIN)/coverage report --include="$(RISKY_CORE)" --omit="*/tests/*,*/migrations/*" --skip-covered --fail-under=$(COVERAGE_MIN) | tail -15

test-fast: install ## Run the test suite without slow tests
	$(PYTEST) -m "not browser and not slow" -q -n 2 --dist loadfile

test-browser: install ## Run the real-browser tests (Playwright driving Debian's Chromium)
	$(PYTEST) -m browser -q -p no:xdist

test-postgres: install ## Run the test suite against PostgreSQL (PG_URL, default the local test database)
	DATABASE_URL=$(PG_URL) $(PYTEST) -m "not browser" -q -n 2 --dist loadfile

lint: install ## Lint (ruff) and type-check (mypy)
	$(BIN)/ruff check src bench conftest.py
	$(BIN)/ruff format --check src bench conftest.py
	$(BIN)/mypy src/sourcedesk

format: install ## Format the code with ruff
	$(BIN)/ruff format src bench conftest.py
	$(BIN)/ruff check --fix src bench conftest.py

bench: install ## Run every benchmark in bench/ (quick mode; BENCH_ARGS= for the full figures)
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b $${BENCH_ARGS---quick} || exit 1; done

messages: install ## Rebuild the Korean catalogues (needs gettext)
	@for d in src/sourcedesk/*/locale; do app=$$(dirname $$d); (cd $$app && DJANGO_SETTINGS_MODULE=sourcedesk.settings $(CURDIR)/$(BIN)/django-admin compilemessages -l ko >/dev/null) || exit 1; done

check-deploy: install ## Run Django's deployment checks under production settings
	SOURCEDESK_ENV=production SOURCEDESK_SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | base64 | tr -dc a-zA-Z0-9) \
	SOURCEDESK_ALLOWED_HOSTS=desk.example.org SOURCEDESK_PORTAL_PEPPER=check-deploy-pepper \
	$(BIN)/sourcedesk check --deploy --fail-level WARNING

clean: ## Remove the virtualenv and local data (asks no questions: var/ holds the demo only)
	rm -rf $(VENV) var
