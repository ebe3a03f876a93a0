from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .grants import sync_role_grants
from .models import RoleAssignment, User


@receiver([post_save, post_delete], sender=RoleAssignment)
def role_assignment_changed(sender, instance: RoleAssignment, **kwargs) -> None:
    sync_role_grants(instance.user)


@receiver(post_save, sender=User)
def user_changed(sender, instance: User, created: bool, update_fields=None, **kwargs) -> None:
    # A deactivated account keeps its assignments but loses every grant.
    if not created and (update_fields is None or "is_active" in update_fields):
        sync_role_grants(instance)
