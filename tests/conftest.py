import os
from collections import Counter

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


# The longest groups, started first so that no worker is left with one of them at the end of the run.
LONGEST_FIRST = ("tests/demo", "tests/test_project.py", "tests/api/test_schemathesis.py[methodist]",
                 "tests/api/test_schemathesis.py[teacher]")


def xdist_group_of(item) -> str:
    path = item.nodeid.split("::")[0]
    if path.startswith("tests/demo/"):
        return "tests/demo"
    if path == "tests/api/test_schemathesis.py":
        return f"{path}[{item.callspec.params.get('api_schema')}]"
    return path


@pytest.hookimpl(tryfirst=True)  # before xdist's worker names the groups in the node ids from these marks
def pytest_collection_modifyitems(config, items) -> None:
    """Which tests share a worker under `make test`'s `--dist loadgroup`: a file's tests (so a module's fixtures
    are built once), the whole of tests/demo (its package fixture seeds the demo once, not again each time a
    worker comes back to the package), and each role's schemathesis run on its own (the two longest tests).

    The groups are handed out in the order of the items (`make test` turns xdist's own reordering off): the
    longest first, then the larger groups before the smaller, as xdist would."""
    groups = {item: xdist_group_of(item) for item in items}
    sizes = Counter(groups.values())
    for item, group in groups.items():
        item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=lambda item: (LONGEST_FIRST.index(groups[item]) if groups[item] in LONGEST_FIRST
                                 else len(LONGEST_FIRST), -sizes[groups[item]], groups[item]))
