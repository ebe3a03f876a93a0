"""Load the demo region: five municipalities of the seeds, their organisations, associations and people.

Idempotent: running it again updates the same rows. Every demo user has the password `demo`, so the
command refuses to run unless DEBUG is on.
"""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from demo.region import load_demo


class Command(BaseCommand):
    @property
    def help(self) -> str:
        # A property, not gettext_lazy: argparse needs a real str for the description.
        return _("Load demo data: municipalities, organisations, associations and users.")

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                _("Demo data with the password “demo” is loaded only when DEBUG=1 (not on a production server).")
            )
        # The demo's cases are driven through the real steps, which notify by e-mail: those past events are
        # nobody's news, so they stay on the bell and out of the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
            users = load_demo()
        message = ngettext(
            "Demo data loaded: %(count)d user, password “demo”.",
            "Demo data loaded: %(count)d users, password “demo”.",
            len(users),
        ) % {"count": len(users)}
        self.stdout.write(self.style.SUCCESS(message))
