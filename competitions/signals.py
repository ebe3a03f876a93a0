from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.grants import sync_role_grants

from .models import CompetitionMember


@receiver([post_save, post_delete], sender=CompetitionMember)
def membership_changed(sender, instance: CompetitionMember, **kwargs) -> None:
    sync_role_grants(instance.person)
