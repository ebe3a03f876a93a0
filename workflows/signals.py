from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Chain, ChainStep


@receiver([post_save, post_delete], sender=ChainStep)
def chain_step_changed(sender, instance: ChainStep, **kwargs) -> None:
    # Running cases keep the snapshot they started with; new cases see the new version.
    Chain.objects.filter(pk=instance.chain_id).update(version=F("version") + 1)
