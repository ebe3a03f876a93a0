"""A committee member who joins after entries were sent reads them too (`services.grant_committee` grants
the members of the day of submission)."""
from django.db.models.signals import post_save
from django.dispatch import receiver
from guardian.shortcuts import assign_perm

from .models import CompetitionMember, Entry, MemberRole


@receiver(post_save, sender=CompetitionMember)
def committee_member_reads_entries(sender, instance: CompetitionMember, created: bool, **kwargs) -> None:
    if not created or instance.role != MemberRole.COMMITTEE:
        return
    sent = Entry.objects.filter(competition=instance.competition_id).exclude(status=Entry.Status.DRAFT)
    if sent.exists():
        assign_perm("view_entry", instance.person, sent)
