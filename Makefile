# Two commands set everything up: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DEV_SETTINGS := portal.settings.dev
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs on every core (pytest-xdist), in a random order whose seed it prints
# (pytest-randomly); `make test PYTEST_ARGS="..."` replaces these.
PYTEST_ARGS ?= -n auto --dist worksteal

.PHONY: run test venv install install-dev migrate demo serve lint format messages \
        compilemessages check e2e bench clean scheduler

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

.make-runtime: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	@touch $@

.make-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	@touch .make-runtime $@

venv: $(PY)
install: .make-runtime
install-dev: .make-dev

migrate: install
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py migrate --noinput

demo: migrate
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py load_demo_data

run: demo
	@echo "Serving at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py runserver $(HOST):$(PORT)

# The periodic jobs in development (tasks run at once there: no worker needed).
scheduler: migrate
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py run_scheduler

# axe-core for the accessibility checks of the browser journeys (skipped without npm).
node_modules/axe-core/axe.min.js: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent; \
	else echo "npm not found: accessibility checks in tests/e2e will be skipped"; fi

test: install-dev node_modules/axe-core/axe.min.js
	$(PY) scripts/check_translations.py
	$(PY) -m pytest $(PYTEST_ARGS)

e2e: install-dev node_modules/axe-core/axe.min.js
	$(PY) -m pytest tests/e2e $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install-dev
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py makemigrations --check --dry-run

# Needs GNU gettext (xgettext) to extract; compiling works without it.
messages: install-dev
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py makemessages \
		--locale zh_Hans --locale en --no-obsolete --add-location file \
		--ignore ".venv/*" --ignore "staticfiles/*" --ignore "tests/*" --ignore "bench/*"
	$(PY) scripts/check_translations.py --fill-english --compile

compilemessages: install
	$(PY) scripts/check_translations.py --compile

bench: install-dev
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .make-runtime .make-dev .pytest_cache staticfiles
