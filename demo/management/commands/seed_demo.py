"""Load the demo region: five municipalities of the seeds, their organisations, associations and people, and
(unless `--people-only`) their cases in every state of every process, diagnostics and bank practices.

Idempotent: running it again updates the same rows and adds no case. Every demo user has the password
`demo`, so the command refuses to run unless DEBUG is on.
"""
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.commands import LocalizedCommand
from demo.associations import seed_associations
from demo.competitions import seed_competitions
from demo.courses import seed_courses
from demo.events import seed_events
from demo.mentoring import seed_mentoring
from demo.region import load_demo
from demo.sites import seed_sites
from demo.workplan import seed_workplan
from demo.visits import seed_visits

SEND_AT_ONCE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}


@contextmanager
def past_mail_unsent() -> Iterator[None]:
    """The demo's cases are driven through the real steps, which notify by e-mail: those past events are
    nobody's news, so their mails go at once to nowhere and the notices stay on the bell, out of the console
    and out of the job queue the demo's worker would send them from (and without a log line each)."""
    jobs_log = logging.getLogger("django_tasks")
    level = jobs_log.level
    jobs_log.setLevel(logging.WARNING)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend", TASKS=SEND_AT_ONCE):
            yield
    finally:
        jobs_log.setLevel(level)


class Command(LocalizedCommand):
    summary = gettext_lazy("Load demo data: municipalities, organisations, associations and users.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--people-only", action="store_true",
                            help=_("Only the organisations, people and chains, without cases (quicker, for tests)."))
        parser.add_argument("--municipalities", type=int, metavar="N",
                            help=_("Only the first N municipalities, each as lived in as always (quicker, for tests)."))

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                _("Demo data with the password “demo” is loaded only when DEBUG=1 (not on a production server).")
            )
        with past_mail_unsent(), transaction.atomic():
            users = load_demo(cases=not options["people_only"], first=options["municipalities"])
            seed_sites(cases=not options["people_only"])
            seed_competitions(cases=not options["people_only"])
            seed_associations(cases=not options["people_only"])
            seed_workplan(cases=not options["people_only"])
            seed_events(cases=not options["people_only"])
            seed_courses(cases=not options["people_only"])
            seed_visits(cases=not options["people_only"])
            seed_mentoring(cases=not options["people_only"])
        message = ngettext(
            "Demo data loaded: %(count)d user, password “demo”.",
            "Demo data loaded: %(count)d users, password “demo”.",
            len(users),
        ) % {"count": len(users)}
        self.stdout.write(self.style.SUCCESS(message))
