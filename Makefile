# Practice Commons: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs in one pytest-xdist worker per CPU, each with its own test database (and
# MEDIA_ROOT, caches, live server and Chromium). `--dist load` hands each worker its tests in
# pytest-django's order, where the tests that empty the database (transaction=True) come last;
# loadfile and loadscope send whole files, so a later file's tests find it emptied.
# PYTEST_XDIST= runs in one process.
PYTEST_XDIST ?= -n auto --dist load

.DEFAULT_GOAL := help
.PHONY: help run test lint lock migrate demo serve clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# Installs the lock: every package pinned, with its hashes. requirements.txt alone is a
# production install (no test tools); requirements-dev.txt adds them at the same versions.
$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

run: $(BIN)/.installed ## Set up, load the demo community and serve on http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --base-url http://$(HOST):$(PORT)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: lint ## Lint and run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_XDIST)

lint: $(BIN)/.installed ## Lint, check the formatting and the layers between apps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

lock: $(BIN)/.installed ## Re-pin requirements*.txt from requirements*.in (uv pip compile)
	$(BIN)/uv pip compile requirements.in --universal --generate-hashes --python-version 3.11 \
		--quiet -o requirements.txt
	$(BIN)/uv pip compile requirements-dev.in --universal --generate-hashes --python-version 3.11 \
		--quiet -o requirements-dev.txt

migrate: $(BIN)/.installed ## Apply migrations
	$(BIN)/python manage.py migrate --no-input

clean: ## Remove the virtualenv and the local database
	rm -rf $(VENV) db.sqlite3 media
