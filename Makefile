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
.PHONY: help run test lint migrate demo serve clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

run: $(BIN)/.installed ## Set up, load the demo community and serve on http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --base-url http://$(HOST):$(PORT)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: lint ## Lint and run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_XDIST)

lint: $(BIN)/.installed ## Lint and check the formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrate: $(BIN)/.installed ## Apply migrations
	$(BIN)/python manage.py migrate --no-input

clean: ## Remove the virtualenv and the local database
	rm -rf $(VENV) db.sqlite3 media
