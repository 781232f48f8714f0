# PLMS — `make run` starts the app on the embedded default, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails point at the address the server serves (`make run PORT=8080`).
export PLMS_BASE_URL ?= http://$(HOST):$(PORT)
# Two cores: one test process per core.
TEST_WORKERS ?= 2

.PHONY: run test install constraints assets migrate seed lint format check bench worker beat clean client

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(VENV)/.installed

# constraints.txt pins every package to the versions the suite last passed with.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]' --config-settings editable_mode=compat
	touch $@

constraints: install
	{ head -n 2 constraints.txt; $(BIN)/pip freeze --exclude-editable; } > constraints.tmp
	mv constraints.tmp constraints.txt

# Front-end packages come pinned from the npm registry; static/vendor is git-ignored.
assets: static/vendor/.installed

static/vendor/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
	cp node_modules/axe-core/axe.min.js static/vendor/axe.min.js
	touch $@

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

run: install assets seed
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install assets
	DJANGO_SETTINGS_MODULE=plms.settings.test $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=15 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=plms.settings.test $(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

worker: install
	$(BIN)/celery -A plms worker --loglevel=INFO --concurrency=2

beat: install
	$(BIN)/celery -A plms beat --loglevel=INFO

bench: install assets
	$(BIN)/python -m bench $(BENCH_ARGS)

# The Python client (clients/python/): the OpenAPI document as the API serves it, then the
# generator (pinned, in a venv of its own) writes clients/python/plms-client/.
CLIENT_VENV := .venv-client
client: install
	test -x $(CLIENT_VENV)/bin/openapi-python-client || ( $(PYTHON) -m venv $(CLIENT_VENV) && \
		$(CLIENT_VENV)/bin/pip install --quiet -r clients/python/generator-requirements.txt )
	$(BIN)/python manage.py spectacular --format openapi-json --file clients/python/openapi.json
	cd clients/python && PATH="$(CURDIR)/$(CLIENT_VENV)/bin:$$PATH" \
		$(CURDIR)/$(CLIENT_VENV)/bin/openapi-python-client generate --path openapi.json \
		--config generator.yaml --meta setup --output-path plms-client --overwrite

clean:
	rm -rf $(VENV) $(CLIENT_VENV) node_modules static/vendor staticfiles var
