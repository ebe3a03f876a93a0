"""Fire due workflow timers now, in this process (by hand, or from cron where no worker runs). The job
workers (`manage.py run_jobs`) fire them every minute and rebuild role grants daily by themselves."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.commands import LocalizedCommand

from jobs.deadlines import fire_timers, rebuild_grants


class Command(LocalizedCommand):
    summary = gettext_lazy("Fire due workflow timers now (deadlines and escalation); `manage.py run_jobs` does "
                           "it every minute.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--grants", action="store_true", help="also rebuild role grants")
        parser.add_argument("--once", action="store_true", help="accepted for old cron lines; always once")

    def handle(self, *args, grants: bool, **options) -> None:
        fired = fire_timers.call()
        self.stdout.write(_("%(count)d timer(s) fired.") % {"count": fired})
        if grants:
            rebuild_grants.call()
