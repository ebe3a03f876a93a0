from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.commands import LocalizedCommand
from accounts.grants import sync_all_role_grants


class Command(LocalizedCommand):
    summary = gettext_lazy("Rebuild task-queue grants from role assignments valid today (run daily).")

    def handle(self, *args, **options) -> None:
        self.stdout.write(_("Grants rebuilt for %(count)d people.") % {"count": sync_all_role_grants()})
