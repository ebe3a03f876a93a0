"""Brute-force protection of sign-in and of password reset.

Sign-in: django-axes counts failures per address and per account (settings, AXES_*); once either reaches
the limit, every attempt is refused for the cool-off, the right password included. This module says who
the client is, when the lockout ends and how the refusal reads. Password reset: `PasswordResetLimit`
caps the reset e-mails per address and per e-mail address per hour.
"""
from __future__ import annotations

import hashlib
import ipaddress
import math
from datetime import UTC, datetime, timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import caches
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the X-Forwarded-For entry
    the outermost of them appended. Entries further left are the client's own say and can be forged."""
    remote = request.META.get("REMOTE_ADDR")
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if hops <= 0 or len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


# Sign-in lockout


def lockout_ends(request: HttpRequest, username: str | None) -> datetime:
    """When attempts from this address and for this account are allowed again.

    The latest counted failure of either plus the cool-off: an upper bound, as older failures may age out
    first, so a person who waits until then is certainly let in.
    """
    cool_off = get_cool_off(request) or timedelta(0)
    now = timezone.now()
    match = Q(ip_address=client_ip(request))
    if username:
        match |= Q(username=username)
    latest = AccessAttempt.objects.filter(match, attempt_time__gte=now - cool_off).aggregate(
        latest=Max("attempt_time"))["latest"]
    return (latest or now) + cool_off


def retry_message(ends: datetime, what: str) -> str:
    """`what`, then when to try again, as local time and minutes from now."""
    minutes = max(1, math.ceil((ends - timezone.now()).total_seconds() / 60))
    return _("%(what)s Try again after %(time)s (in %(minutes)d min).") % {
        "what": what, "time": timezone.localtime(ends).strftime("%H:%M"), "minutes": minutes}


def lockout_message(request: HttpRequest, username: str | None) -> str:
    return retry_message(lockout_ends(request, username), _("Too many failed sign-in attempts."))


def seconds_until(moment: datetime) -> int:
    return max(1, math.ceil((moment - timezone.now()).total_seconds()))


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict | None = None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the answer to a locked-out sign-in.

    The site's login form and the token endpoint already explain the lockout next to the form or in
    `detail` (they mark the request); they only get the status 429. Any other sign-in form (the admin's)
    gets a page that says when to try again.
    """
    username = (credentials or {}).get("username")
    ends = lockout_ends(request, username)
    if original_response is not None and getattr(request, "lockout_explained", False):
        original_response.status_code = 429
        response = original_response
    else:
        response = render(request, "registration/locked_out.html",
                          {"message": retry_message(ends, _("Too many failed sign-in attempts."))}, status=429)
    response["Retry-After"] = str(seconds_until(ends))
    return response


# Password reset


class PasswordResetLimit:
    """At most PASSWORD_RESET_LIMIT_PER_ADDRESS requests from one address and PASSWORD_RESET_LIMIT_PER_EMAIL
    for one e-mail address in any hour.

    Counted per e-mail address as typed, whether or not an account has it, so the refusal tells nothing
    about which addresses are registered. The counts live in the "shared" cache (a database table), which
    every server process sees.
    """

    window = timedelta(hours=1)

    def __init__(self, request: HttpRequest, email: str) -> None:
        self.keys = {
            self._key("address", client_ip(request) or ""): settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
            self._key("email", email.strip().lower()): settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
        }

    @staticmethod
    def _key(kind: str, value: str) -> str:
        return f"password-reset:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"

    def _recent(self, key: str) -> list[float]:
        since = (timezone.now() - self.window).timestamp()
        return [moment for moment in caches["shared"].get(key, []) if moment > since]

    def refusal(self) -> str | None:
        """Why a request may not be sent now, with when to try again; None when it may."""
        ends = None
        for key, limit in self.keys.items():
            recent = sorted(self._recent(key))
            if len(recent) >= limit:
                # The window admits another once enough of the oldest requests have aged out.
                freed = datetime.fromtimestamp(recent[len(recent) - limit], tz=UTC) + self.window
                ends = max(ends, freed) if ends else freed
        if ends is None:
            return None
        return retry_message(ends, _("Too many password reset requests."))

    def count(self) -> None:
        now = timezone.now().timestamp()
        for key in self.keys:
            caches["shared"].set(key, [*self._recent(key), now], timeout=int(self.window.total_seconds()))
