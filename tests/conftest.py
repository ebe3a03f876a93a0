import os

import pytest
from django.db import connection


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
def _database_in_use(request, django_db_setup, django_db_blocker):
    """Say which database server the suite runs on; under `make test` it must be PostgreSQL."""
    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            cursor.execute("select version()" if connection.vendor == "postgresql" else "select sqlite_version()")
            version = cursor.fetchone()[0]
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"test database: {connection.vendor} {version}")
    if os.environ.get("METHODFLOW_REQUIRE_POSTGRES") == "1":
        assert connection.vendor == "postgresql", f"`make test` must run on PostgreSQL, not {connection.vendor}"
