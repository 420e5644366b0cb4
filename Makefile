# Two commands matter: `make run` serves the demo newsroom, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run serve test test-postgres format migrate demo bench clean lock

# The venv installs from the lock files (every transitive dependency pinned) and is
# rebuilt only when they change (stamp files). requirements*.txt name what we use and
# why; `make lock` resolves them into the lock files.
$(VENV)/.runtime: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@

PIP_COMPILE_FLAGS := --quiet --strip-extras --allow-unsafe --no-header --no-emit-index-url \
	--no-emit-find-links
lock:
	rm -rf var/lock-venv && $(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet pip-tools==7.6.2
	var/lock-venv/bin/pip-compile $(PIP_COMPILE_FLAGS) -o requirements.lock requirements.txt
	var/lock-venv/bin/pip-compile $(PIP_COMPILE_FLAGS) -o requirements-dev.lock requirements-dev.txt
	rm -rf var/lock-venv

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
PROD_ENV := DJANGO_DEBUG=false DJANGO_HTTPS=false
WORKERS ?= 3
serve: demo
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(PROD_ENV) $(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PROD_ENV) $(VENV)/bin/gunicorn newsroom.wsgi --bind 127.0.0.1:$(PORT) \
		--workers $(WORKERS) --access-logfile -

# axe-core for the browser tests' accessibility checks (package.json pins it).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

test: $(VENV)/.dev .env node_modules/.package-lock.json
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

# The whole suite against a throwaway PostgreSQL cluster (Debian's postgresql package).
test-postgres: $(VENV)/.dev .env node_modules/.package-lock.json
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
	rm -rf $(VENV) var staticfiles node_modules .pytest_cache .ruff_cache
