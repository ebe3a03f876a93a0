# Methodflow developer tasks.
#
#   make run     migrate, load demo data, run one job worker (jobs/) and serve http://127.0.0.1:8000 (SQLite in var/)
#   make test    run pytest against a throwaway PostgreSQL (tests/postgres_harness.py), one worker per core
#                (pytest-xdist, a test database each; a file's tests stay on one worker, so its module
#                fixtures are built once, and so do tests/demo's: tests/conftest.py groups them); PYTEST_ARGS="tests/x -k something" narrows the run to one process
#   make check   Django system checks, and fail on model changes without a migration
#   make messages  refresh locale/ru/LC_MESSAGES/django.po from the sources and compile django.mo
#   make bench   generate a synthetic region into a throwaway PostgreSQL and time the task lists, the
#                case list and page, the task API and the flow engine against it, then a competition of
#                500 contestants × 10 jurors × 3 rounds: the jury's sheet and closing a round (README, Performance),
#                then a staff file of 5 000 people imported by a methodist, and again;
#                BENCH_TASKS=1000000 for the regional size (default 10000), BENCH_ARGS for bench.run
#   make soak    the fault run (README, Deploy): two gunicorn servers, two job workers and an SMTP sink on
#                loopback under mixed load for two minutes, one server and one worker killed, the sink
#                stopped for 30 s; prints the targets and fails on a miss (not part of `make test`)
#   make clean   remove the virtualenv and local data
#
# `test` installs the PostgreSQL server, Chromium and systemd (for `systemd-analyze verify`) from apt when they are missing
# (as root, or through sudo).

PYTHON ?= python3.11
PYTEST_ARGS ?= -n auto --dist loadgroup --no-loadscope-reorder --durations=25

VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(if $(filter 0,$(shell id -u)),,$(shell command -v sudo 2>/dev/null))
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

# postgres-server and chromium both take the apt lock.
.NOTPARALLEL:
.PHONY: venv run test check messages bench soak clean postgres-server chromium systemd-analyze

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --no-compile -e ".[dev]"  # modules are compiled as they are first imported
	touch $@

run: export DEBUG = 1
run: venv
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py run_jobs & trap 'kill $$!' EXIT; $(PY) manage.py runserver 127.0.0.1:8000

test: venv postgres-server chromium systemd-analyze
	METHODFLOW_REQUIRE_POSTGRES=1 $(PY) tests/postgres_harness.py -- $(VENV)/bin/pytest $(PYTEST_ARGS)

check: venv
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

messages: venv
	DEBUG=1 $(PY) manage.py makemessages -l ru --ignore=$(VENV) --ignore=var --ignore=tests --ignore=bench
	DEBUG=1 $(PY) manage.py compilemessages --ignore=$(VENV)

# The 10 000-task run is the baseline the regional run compares its p95 with (var/bench/10000.json).
BENCH_TASKS ?= 10000
BENCH_ARGS ?=
BENCH_ENV := SECRET_KEY=methodflow-bench-only-not-a-secret DEBUG=0 ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=0 REQUEST_LOG=0

bench: venv postgres-server
	mkdir -p var/bench
	$(BENCH_ENV) $(PY) tests/postgres_harness.py -- sh -c '$(PY) manage.py migrate -v0 \
		&& $(PY) -m bench.generate --tasks $(BENCH_TASKS) && $(PY) -m bench.check \
		&& $(PY) -m bench.run --save var/bench/$(BENCH_TASKS).json \
		$(if $(filter-out 10000,$(BENCH_TASKS)),--baseline var/bench/10000.json) $(BENCH_ARGS) \
		&& $(PY) -m bench.competitions && $(PY) -m bench.staff_import'

soak: venv postgres-server
	$(PY) tests/postgres_harness.py -- $(PY) deploy/soak/run.py

postgres-server:
	@test -x "$$(pg_config --bindir 2>/dev/null)/initdb" \
		|| ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
		|| { $(APT_GET) update -qq && $(APT_GET) install -y -qq postgresql; }

chromium:
	@test -x /usr/bin/chromium \
		|| { $(APT_GET) update -qq && $(APT_GET) install -y -qq chromium fonts-dejavu-core; }

# The deploy tests verify the systemd units with it.
systemd-analyze:
	@command -v systemd-analyze >/dev/null \
		|| { $(APT_GET) update -qq && $(APT_GET) install -y -qq systemd; }

clean:
	rm -rf $(VENV) var
