"""The project as an operator meets it: setup commands, configuration errors, deployment checks."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Association, Municipality, Organisation, RoleAssignment, User

ROOT = Path(__file__).resolve().parent.parent
CONFIGURATION = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in CONFIGURATION}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )


@pytest.mark.django_db
def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", people_only=True, verbosity=0)  # with cases: tests/demo
    counts = [model.objects.count() for model in (Municipality, Organisation, Association, User, RoleAssignment)]

    call_command("seed_demo", people_only=True, verbosity=0)

    assert [model.objects.count() for model in (Municipality, Organisation, Association, User, RoleAssignment)] == counts
    assert counts[0] == 5


def test_make_run_prepares_the_demo_on_sqlite(tmp_path):
    """`make run` is migrate and seed_demo on SQLite: the suite runs on PostgreSQL, so try the demo's database."""
    database = str(tmp_path / "demo.sqlite3")

    migrated = manage("migrate", "--noinput", "-v0", DEBUG="1", SQLITE_PATH=database)
    # One municipality lived in as in the demo (every process in every state) takes SQLite through every step;
    # the five of them are the lived-in demo that tests/demo checks on PostgreSQL.
    seeded = manage("seed_demo", "--municipalities", "1", DEBUG="1", SQLITE_PATH=database)

    assert migrated.returncode == 0, migrated.stderr
    assert seeded.returncode == 0, seeded.stderr
    assert "12 пользователей" in seeded.stdout


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="только при DEBUG=1"):
        call_command("seed_demo", verbosity=0)
    assert not User.objects.filter(username="teacher.tomsk").exists()


def test_an_unreachable_database_is_reported_clearly_at_start():
    result = manage("check", DEBUG="1", DATABASE_URL="postgres://methodflow@127.0.0.1:9/methodflow")

    assert result.returncode != 0
    assert "Не удаётся подключиться к базе данных" in result.stderr
    assert "127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_settings_pass_the_deployment_check(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY="x7$kq!v2m@pz9#wl4r8t&yb6n^hc3ej5ufg0sd1ai*oe+xq-K8rT2vLw9Zp",
        ALLOWED_HOSTS="methodflow.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    deploy = manage("check", "--deploy", ALLOWED_HOSTS="methodflow.example.org")
    serve = subprocess.run([sys.executable, "-c", "import config.wsgi"], cwd=ROOT, capture_output=True, text=True,
                           env={key: value for key, value in os.environ.items() if key not in CONFIGURATION},
                           timeout=120)

    assert deploy.returncode != 0 and "SECRET_KEY must be set" in deploy.stderr
    assert serve.returncode != 0 and "SECRET_KEY must be set" in serve.stderr


def test_migrations_are_in_step_with_the_models():
    result = manage("makemigrations", "--check", "--dry-run", DEBUG="1")

    assert result.returncode == 0, result.stdout + result.stderr
