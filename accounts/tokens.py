"""API tokens: issued on sign-in, expiring, revocable (django-rest-knox's `AuthToken`, stored hashed).

Rotation: every POST /api/auth/token/ issues a fresh token; the person's earlier ones stay valid until
they expire (API_TOKEN_TTL_HOURS) so that two integrations of one person do not log each other out, but
no more than API_TOKENS_PER_PERSON are live at once: the oldest are revoked first. Signing out of the site
revokes them all, as does POST /api/auth/logout-all/.
"""
from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.signals import user_logged_out
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from knox.models import AuthToken


@transaction.atomic
def issue_token(user) -> tuple[str, datetime]:
    """A new token for `user` and when it expires; expired and surplus older tokens are revoked."""
    now = timezone.now()
    AuthToken.objects.filter(user=user, expiry__lt=now).delete()
    instance, token = AuthToken.objects.create(user=user)
    keep = max(settings.API_TOKENS_PER_PERSON, 1)
    surplus = AuthToken.objects.filter(user=user).order_by("-created", "-pk").values_list("pk", flat=True)[keep:]
    AuthToken.objects.filter(pk__in=list(surplus)).delete()
    return token, instance.expiry


def revoke_token(instance: AuthToken) -> None:
    instance.delete()


def revoke_all_tokens(user) -> int:
    """Revoke every API token of `user`; how many there were."""
    count, _ = AuthToken.objects.filter(user=user).delete()
    return count


@receiver(user_logged_out)
def revoke_tokens_on_sign_out(sender, request, user, **kwargs) -> None:
    # Signing out of the site is how a person says "not me any more" on every channel, the API included.
    if user is not None:
        revoke_all_tokens(user)
