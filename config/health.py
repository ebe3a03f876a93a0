"""`GET /healthz`: whether this app server can work, for a load balancer and for monitoring.

Healthy (200) when the database answers `SELECT 1` and the job queue is not behind by more than
HEALTHZ_MAX_QUEUE_LAG_SECONDS; 503 otherwise. The body says which part failed:

    {"status": "ok", "database": {"ok": true}, "queue": {"ok": true, "pending": 0, "lag_seconds": 0.0}}

The queue's lag is the age of the oldest job that is due and not yet claimed (django-tasks-db's table);
`null` while that backend is not installed. No sign-in, no session, no CSRF; with SECURE_SSL_REDIRECT
it is exempt from the redirect, so a load balancer may probe the app server over plain HTTP.
"""
from __future__ import annotations

from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.models import Case, Count, F, Min, When
from django.db.models.functions import Greatest
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

QUEUE_APP = "django_tasks_db"


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        # A broken connection is not reused by the next probe.
        connection.close_if_unusable_or_obsolete()
        return False


def queue_state(now: datetime) -> dict:
    """Jobs due and waiting, and how long the oldest of them has waited (seconds); None without the queue."""
    if not apps.is_installed(QUEUE_APP):
        return {"pending": None, "lag_seconds": None}
    from django_tasks_db.models import DBTaskResult, get_date_max  # only when the app is installed

    # A job to run "as soon as possible" carries the far-future date as run_after; a scheduled one is due
    # from its run_after, so a reminder for next week does not count as lag today.
    due = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=Greatest("run_after", "enqueued_at"))
    waiting = DBTaskResult.objects.ready().aggregate(pending=Count("pk"), oldest=Min(due))
    oldest = waiting["oldest"]
    lag = max(0.0, (now - oldest).total_seconds()) if oldest else 0.0
    return {"pending": waiting["pending"], "lag_seconds": round(lag, 1)}


@csrf_exempt
@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    database = database_ok()
    queue: dict = {"ok": False, "pending": None, "lag_seconds": None}
    if database:
        try:
            queue = queue_state(timezone.now())
        except DatabaseError:
            database = False
            queue = {"pending": None, "lag_seconds": None}
        lag = queue["lag_seconds"]
        queue["ok"] = database and (lag is None or lag <= settings.HEALTHZ_MAX_QUEUE_LAG_SECONDS)
    healthy = database and queue["ok"]
    body = {"status": "ok" if healthy else "unavailable", "database": {"ok": database}, "queue": queue}
    return JsonResponse(body, status=200 if healthy else 503)
