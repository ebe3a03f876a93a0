import os

import pytest
from django.db import connection

pytest_plugins = ["tests.school", "tests.expertise"]


def pytest_report_header(config) -> str:
    from django.conf import settings

    database = settings.DATABASES["default"]
    where = f" on {database.get('HOST')}:{database.get('PORT')}" if database.get("HOST") else ""
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]}{where}"


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Pages render from the app directories; production serves collected, hashed files.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture(scope="session", autouse=True)
def _postgresql_when_required(django_db_setup):
    """`make test` promises PostgreSQL (the harness prints its version): fail rather than pass elsewhere."""
    if os.environ.get("METHODFLOW_REQUIRE_POSTGRES") == "1":
        assert connection.vendor == "postgresql", f"`make test` must run on PostgreSQL, not {connection.vendor}"
