"""Tell people what happened and what they must do: in the app (the bell) and by e-mail."""
from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail

from .models import Notification


def notify(recipients: Iterable, message: str, url: str = "") -> None:
    people = {person.pk: person for person in recipients if person is not None and person.is_active}
    Notification.objects.bulk_create(
        [Notification(recipient=person, message=message[:500], url=url) for person in people.values()]
    )
    mails = [
        (message[:150], f"{message}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, [person.email])
        for person in people.values()
        if person.email
    ]
    send_mass_mail(mails, fail_silently=True)


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
