"""E-mail of a notice, sent by a background job (the workers of jobs/ run it). `notify()` writes the
notice and queues this job in the decision's transaction, so the mail goes out if and only if the
decision commits. The job holds the notice's row lock from the check to the mark, so two workers never
send one notice twice; a mail server that fails is tried again later (doubling waits), and a notice
whose worker died is queued again (`requeue_stalled_mail`)."""
from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Notification

logger = logging.getLogger(__name__)
Mail = Notification.Mail
MAIL_FIELDS = ["mail_status", "mail_attempts", "mail_due_at", "mailed_at", "mail_error"]


def retry_delay(failures: int) -> timedelta:
    """The wait after the `failures`-th failed attempt: MAIL_RETRY_SECONDS, doubling, at most
    MAIL_RETRY_MAX_SECONDS."""
    seconds = settings.MAIL_RETRY_SECONDS * 2 ** min(failures - 1, 30)
    return timedelta(seconds=min(seconds, settings.MAIL_RETRY_MAX_SECONDS))


def absolute_url(url: str) -> str:
    if not url or "://" in url:
        return url
    return f"{settings.SITE_URL.rstrip('/')}/{url.lstrip('/')}"


def queue_mail(notices: Iterable[Notification]) -> None:
    """Queue the e-mail of each pending notice, one job each, in the caller's transaction."""
    for notice in notices:
        send_notice.enqueue(notice.pk)


@task()
def send_notice(notification_id: int) -> str:
    """Send the notice's e-mail unless it was sent already; what happened, for the job's result."""
    with transaction.atomic():
        notice = (Notification.objects.select_for_update(of=("self",)).select_related("recipient")
                  .filter(pk=notification_id, mail_status=Mail.PENDING).first())
        if notice is None:
            return "nothing to send"
        person = notice.recipient
        if not (person.is_active and person.email):
            notice.mail_status = Mail.NONE
            notice.save(update_fields=MAIL_FIELDS)
            return "no address"
        notice.mail_attempts += 1
        try:
            send_mail(notice.message[:150], f"{notice.message}\n\n{absolute_url(notice.url)}".strip(),
                      settings.DEFAULT_FROM_EMAIL, [person.email])
        except smtplib.SMTPRecipientsRefused as error:
            return give_up(notice, error)
        except OSError as error:  # smtplib's errors, a refused connection, a timeout: the server may recover
            return try_later(notice, error)
        notice.mail_status, notice.mailed_at, notice.mail_error = Mail.SENT, timezone.now(), ""
        notice.save(update_fields=MAIL_FIELDS)
        return "sent"


def try_later(notice: Notification, error: OSError) -> str:
    if notice.mail_attempts >= settings.MAIL_MAX_ATTEMPTS:
        return give_up(notice, error)
    notice.mail_error = f"{type(error).__name__}: {error}"[:300]
    notice.mail_due_at = timezone.now() + retry_delay(notice.mail_attempts)
    # In the notice's transaction: the next attempt is queued if and only if this one is recorded.
    send_notice.using(run_after=notice.mail_due_at).enqueue(notice.pk)
    notice.save(update_fields=MAIL_FIELDS)
    logger.warning("Notice %s: e-mail attempt %d failed (%s), next at %s", notice.pk, notice.mail_attempts,
                   notice.mail_error, notice.mail_due_at.isoformat())
    return f"attempt {notice.mail_attempts} failed, retry at {notice.mail_due_at.isoformat()}"


def give_up(notice: Notification, error: OSError) -> str:
    """The address is refused, or the server failed every attempt: the notice stays in the bell."""
    notice.mail_status, notice.mail_due_at = Mail.FAILED, None
    notice.mail_error = f"{type(error).__name__}: {error}"[:300]
    notice.save(update_fields=MAIL_FIELDS)
    logger.error("Notice %s: e-mail not delivered after %d attempt(s): %s", notice.pk, notice.mail_attempts,
                 notice.mail_error)
    return "failed"


@task()
def requeue_stalled_mail() -> int:
    """Queue again the notices whose attempt was due MAIL_STALL_SECONDS ago and never finished (its worker
    was killed): a second job for a notice that was sent meanwhile finds it sent and does nothing."""
    now = timezone.now()
    with transaction.atomic():
        # A notice being sent right now is locked by its job: skipped.
        stalled = list(Notification.objects.select_for_update(skip_locked=True)
                       .filter(mail_status=Mail.PENDING,
                               mail_due_at__lt=now - timedelta(seconds=settings.MAIL_STALL_SECONDS))
                       .order_by("mail_due_at").values_list("pk", flat=True)[:1000])
        for pk in stalled:
            send_notice.enqueue(pk)
        Notification.objects.filter(pk__in=stalled).update(mail_due_at=now)
    if stalled:
        logger.warning("Queued the e-mail of %d stalled notice(s) again", len(stalled))
    return len(stalled)
