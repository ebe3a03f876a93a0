"""Fail at start, with a readable message, without a SECRET_KEY or when the database in DATABASE_URL is unreachable.

Without this a wrong DATABASE_URL surfaces as a psycopg traceback inside the first request.
"""
import os

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.utils import OperationalError
from django.utils.translation import gettext as _


def database_problem() -> str | None:
    """Return a localized description of why the default database is unreachable, or None."""
    try:
        connection.ensure_connection()
    except OperationalError as error:
        database = connection.settings_dict
        reason = str(error).strip().splitlines()[0] if str(error).strip() else error.__class__.__name__
        return _(
            "Cannot connect to the %(engine)s database at %(host)s:%(port)s "
            "(database “%(name)s”): %(reason)s. Check the DATABASE_URL environment variable "
            "and that the database server is running."
        ) % {
            "engine": database["ENGINE"].rsplit(".", 1)[-1],
            "host": database.get("HOST") or "localhost",
            "port": database.get("PORT") or "-",
            "name": database["NAME"],
            "reason": reason,
        }
    return None


def configuration_problem() -> str | None:
    if not settings.DEBUG and not os.environ.get("SECRET_KEY"):
        return "SECRET_KEY must be set when DEBUG is off."
    return database_problem()


def require_database() -> None:
    problem = configuration_problem()
    if problem:
        raise ImproperlyConfigured(problem)


@checks.register()
def database_reachable(app_configs, **kwargs) -> list[checks.CheckMessage]:
    problem = database_problem()
    return [checks.Error(problem, id="methodflow.E001")] if problem else []


@checks.register(checks.Tags.security, deploy=True)
def secret_key_set(app_configs, **kwargs) -> list[checks.CheckMessage]:
    problem = configuration_problem() if not os.environ.get("SECRET_KEY") else None
    return [checks.Error(problem, id="methodflow.E002")] if problem else []
