"""Keep deadlines moving: fire due Viewflow timers every minute and rebuild role grants once a day."""
import time

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.timers import fire_due_timers

from accounts.grants import sync_all_role_grants
from accounts.history import acting_as
from accounts.system import system_actor


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Fire due workflow timers periodically (deadlines and escalation); `--once` for cron.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=int, default=60, help="seconds between rounds")
        parser.add_argument("--once", action="store_true", help="one round, then exit")

    def handle(self, *args, interval: int, once: bool, **options) -> None:
        synced_on = None
        while True:
            with acting_as(system_actor()):
                fired = fire_due_timers()
                today = timezone.localdate()
                if synced_on != today:
                    sync_all_role_grants()
                    synced_on = today
            if fired:
                self.stdout.write(_("%(count)d timer(s) fired.") % {"count": fired})
            if once:
                return
            time.sleep(interval)
