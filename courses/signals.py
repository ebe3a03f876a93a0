from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CourseCompletion
from .selectors import forget_coverage


@receiver([post_save, post_delete], sender=CourseCompletion)
def completion_changed(sender, instance: CourseCompletion, **kwargs) -> None:
    forget_coverage(instance.municipality_id)
