"""Brute-force protection of the login page and of password reset (accounts.throttling)."""
import re
from datetime import timedelta
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from accounts.throttling import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
RESET = "/accounts/password_reset/"
LOCKED = "Слишком много неудачных попыток входа."


@pytest.fixture(autouse=True)
def _empty_cache():
    # The reset counts live in the process's cache, which outlives a test's transaction.
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, times: int, username: str = "teacher.a", addresses=None) -> None:
    for attempt in range(times):
        address = addresses(attempt) if addresses else "10.0.0.1"
        response = sign_in(client, username, "wrong-password", address)
        assert response.status_code in (200, 429)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_eleventh_attempt_after_ten_wrong_passwords_is_refused_even_with_the_right_one(client, school):
    fail(client, 10)

    response = sign_in(client, "teacher.a", "secret-password")

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not signed_in(client)


def test_nine_wrong_passwords_still_let_the_right_one_in(client, school):
    fail(client, 9)

    response = sign_in(client, "teacher.a", "secret-password")

    assert response.status_code == 302
    assert signed_in(client)


def test_the_lockout_message_next_to_the_form_says_when_to_try_again(client, school):
    fail(client, 10)

    response = sign_in(client, "teacher.a", "secret-password")

    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert re.fullmatch(r"Слишком много неудачных попыток входа\. Повторите попытку после \d\d:\d\d "
                        r"\(через 15 мин\.\)\.", errors[0]), errors[0]
    assert 14 * 60 <= int(response["Retry-After"]) <= 15 * 60


def test_failures_from_one_address_lock_it_for_every_account(client, school):
    for number in range(10):
        sign_in(client, f"nobody{number}", "wrong-password", "10.0.0.7")

    assert sign_in(client, "teacher.a", "secret-password", "10.0.0.7").status_code == 429
    assert sign_in(client, "teacher.a", "secret-password", "10.0.0.8").status_code == 302


def test_failures_for_one_account_lock_it_from_every_address(client, school):
    fail(client, 10, addresses=lambda attempt: f"10.0.1.{attempt}")

    assert sign_in(client, "teacher.a", "secret-password", "10.0.2.1").status_code == 429
    assert sign_in(client, "lead.a", "secret-password", "10.0.2.1").status_code == 302


def test_attempts_during_a_lockout_do_not_extend_it(client, school):
    fail(client, 10)
    locked_at = AccessAttempt.objects.get().attempt_time

    fail(client, 5)

    assert AccessAttempt.objects.get().attempt_time == locked_at


def test_the_lockout_ends_after_the_cool_off(client, school):
    fail(client, 10)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    response = sign_in(client, "teacher.a", "secret-password")

    assert response.status_code == 302
    assert signed_in(client)


def test_the_admin_login_is_locked_out_too_with_a_page_saying_when(client, school):
    for _attempt in range(10):
        client.post("/admin/login/", {"username": "teacher.a", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")

    response = client.post("/admin/login/", {"username": "teacher.a", "password": "secret-password"},
                           REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 429
    assert "Повторите попытку после" in response.content.decode()


# The client's address


def request_from(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(request_from("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


def test_behind_a_proxy_the_client_is_the_entry_the_proxy_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    # The client forged the first entry; the proxy appended the address it saw.
    assert client_ip(request_from("127.0.0.1", "198.51.100.1, 203.0.113.9")) == "203.0.113.9"


def test_a_malformed_forwarded_address_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(request_from("127.0.0.1", "not-an-address")) == "127.0.0.1"


# Password reset


def request_reset(client, email: str, address: str = "10.0.0.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_password_reset_is_offered_on_the_site(client):
    assert client.get(RESET).status_code == 200


def test_password_reset_sends_at_most_three_emails_an_hour_to_one_address(client, school):
    for _request in range(3):
        assert request_reset(client, school.teacher.email).status_code == 302

    refused = request_reset(client, school.teacher.email, "10.0.0.2")

    assert refused.status_code == 429
    assert len(mail.outbox) == 3
    error = refused.context["form"].errors["email"][0]
    assert re.fullmatch(r"Слишком много запросов на сброс пароля\. Повторите попытку после \d\d:\d\d "
                        r"\(через \d+ мин\.\)\.", error), error


def test_password_reset_requests_from_one_address_are_limited_across_emails(client, school, settings):
    settings.PASSWORD_RESET_LIMIT_PER_ADDRESS = 4
    for number in range(4):
        request_reset(client, f"someone{number}@example.org")

    assert request_reset(client, school.teacher.email).status_code == 429
    assert request_reset(client, school.teacher.email, "10.0.0.2").status_code == 302
    assert len(mail.outbox) == 1


def test_the_reset_limit_lifts_an_hour_after_the_oldest_request(client, school):
    for _request in range(3):
        request_reset(client, school.teacher.email)
    later = timezone.now() + timedelta(hours=1, minutes=1)

    with mock.patch("django.utils.timezone.now", return_value=later):
        response = request_reset(client, school.teacher.email)

    assert response.status_code == 302
    assert len(mail.outbox) == 4
