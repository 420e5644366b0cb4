# Two commands matter: `make run` serves the demo newsroom, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run serve test test-postgres format migrate demo bench clean

# The venv is rebuilt only when the pinned requirements change (stamp files).
$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Development settings with a freshly generated secret key; never overwritten.
.env:
	@printf 'DJANGO_DEBUG=true\nDJANGO_SECRET_KEY=%s\n' \
		"$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env
	@echo "Wrote .env for development (fresh secret key)."

migrate: $(VENV)/.runtime .env
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The task worker (webhook delivery) runs beside the server and stops with it.
WORKER := $(PY) manage.py db_worker --no-reload --interval 1
run: demo
	@echo "Starting the task worker: $(WORKER)"
	$(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production-like serving on this machine: gunicorn, DEBUG off, WhiteNoise static files,
# renditions served by the app (demo only). Plain HTTP, so HTTPS-only settings are off.
PROD_ENV := DJANGO_DEBUG=false DJANGO_HTTPS=false NEWSROOM_SERVE_MEDIA=true
WORKERS ?= 3
serve: demo
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(PROD_ENV) $(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PROD_ENV) $(VENV)/bin/gunicorn newsroom.wsgi --bind 127.0.0.1:$(PORT) \
		--workers $(WORKERS) --access-logfile -

test: $(VENV)/.dev .env
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

# The whole suite against a throwaway PostgreSQL cluster (Debian's postgresql package).
test-postgres: $(VENV)/.dev .env
	scripts/with-postgres sh -c '$(PY) manage.py check && $(PY) -m pytest -p no:cacheprovider'

# The benchmark (bench/run.py): a synthetic 100,000-article newsroom kept in var/bench, page
# timings, gunicorn requests/s beside /healthz and a static file, wire import, renditions.
# Results in bench/results/. BENCH_ARGS="--quick" for a smoke run, "--rebuild" to start over.
.PHONY: bench-postgres
bench: $(VENV)/.runtime .env
	$(PY) bench/run.py --db sqlite $(BENCH_ARGS)

bench-postgres: $(VENV)/.runtime .env
	$(PY) bench/run.py --db postgres $(BENCH_ARGS)

format: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
