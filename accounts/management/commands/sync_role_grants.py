from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from accounts.grants import sync_all_role_grants


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Rebuild task-queue grants from role assignments valid today (run daily).")

    def handle(self, *args, **options) -> None:
        self.stdout.write(_("Grants rebuilt for %(count)d people.") % {"count": sync_all_role_grants()})
