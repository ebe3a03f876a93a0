"""`GET /healthz` (config.health): what a load balancer asks each app server."""
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

pytestmark = pytest.mark.django_db

def test_a_healthy_server_answers_200_with_the_database_and_the_queue_without_signing_in(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == {"ok": True}
    assert body["queue"]["ok"] is True
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_unreachable_database_answers_503(client):
    with mock.patch("config.health.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == {"ok": False}


def test_a_load_balancer_probing_over_plain_http_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/accounts/login/").status_code == 301


def test_healthz_answers_only_reads(client):
    assert client.post("/healthz").status_code == 405


def test_a_queue_behind_by_more_than_the_allowed_lag_answers_503(client, settings):
    from django_tasks_db.models import DBTaskResult, get_date_max

    settings.HEALTHZ_MAX_QUEUE_LAG_SECONDS = 60
    job = DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="jobs.missing",
                                      backend_name="default", run_after=get_date_max())
    DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="jobs.missing",
                                            backend_name="default", run_after=timezone.now() + timedelta(days=7))

    fresh = client.get("/healthz")
    DBTaskResult.objects.filter(pk=job.pk).update(enqueued_at=timezone.now() - timedelta(minutes=5))
    behind = client.get("/healthz")

    assert fresh.status_code == 200 and fresh.json()["queue"]["pending"] == 1, fresh.json()
    assert behind.status_code == 503
    assert behind.json()["queue"]["ok"] is False and behind.json()["queue"]["lag_seconds"] >= 300
