from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from accounts.grants import sync_role_grants
from accounts.models import User


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Rebuild task-queue grants from role assignments valid today (run daily).")

    def handle(self, *args, **options) -> None:
        users = User.objects.filter(role_assignments__isnull=False).distinct()
        for user in users.iterator():
            sync_role_grants(user)
        self.stdout.write(_("Grants rebuilt for %(count)d people.") % {"count": users.count()})
