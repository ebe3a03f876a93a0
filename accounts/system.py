from django.utils.translation import gettext as _

from .models import User

SYSTEM_USERNAME = "system"


def system_actor() -> User:
    """The account named in history for what the system does by itself: timers, imports, demo data."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"last_name": _("System"), "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
