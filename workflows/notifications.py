"""Tell people what happened and what they must do: in the app (the bell) and by e-mail."""
from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from .mail import queue_mail
from .models import Notification


def notify(recipients: Iterable, message: str, url: str = "") -> None:
    """Write the notices in the caller's transaction and queue one e-mail job per recipient with an
    address there too: a decision that rolls back leaves neither, one that commits sends each mail once."""
    people = {person.pk: person for person in recipients if person is not None and person.is_active}
    now = timezone.now()
    notices = Notification.objects.bulk_create([
        Notification(recipient=person, message=message[:500], url=url, created_at=now,
                     mail_status=Notification.Mail.PENDING if person.email else Notification.Mail.NONE,
                     mail_due_at=now if person.email else None)
        for person in people.values()
    ])
    queue_mail(notice for notice in notices if notice.mail_status == Notification.Mail.PENDING)


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
