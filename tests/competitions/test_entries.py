"""The entry's process: nomination → admission with a return and a resubmission → admitted → concluded by
the results; consent, deadline, eligibility and the same teacher twice refused; withdrawal; forwarding."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from viewflow.workflow.models import Task

from competitions import services
from competitions.models import Competition, Entry, EntryMaterial, Placement
from tests.competitions.entries_world import (  # noqa: F401  the `entries` fixture
    admitted, draft, entries, open_competition, submitted,
)
from tests.files import pdf
from workflows.models import CaseEvent
from workflows.services import Refused

pytestmark = pytest.mark.django_db
Status = Entry.Status


def test_nomination_goes_through_admission_with_a_return_and_a_resubmission(entries):
    entry = submitted(entries)
    assert entry.status == Status.ADMISSION and entry.current_step
    services.admit(entry, entries.committee, "return", "Нет копии диплома")
    entry.refresh_from_db()
    assert entry.status == Status.RETURNED and entry.assignee == entries.director
    entry.about += "; диплом приложен"
    services.save_entry(entry, entries.director)
    services.submit(entry, entries.director, "Приложили копию диплома")
    entry.refresh_from_db()
    assert entry.status == Status.ADMISSION
    services.admit(entry, entries.committee, "approve")
    entry.refresh_from_db()
    assert entry.status == Status.ADMITTED
    assert list(services.admitted_entries(entries.competition)) == [entry]
    kinds = list(CaseEvent.objects.filter(process_id=entry.process_id).order_by("pk").values_list("kind", "actor"))
    assert kinds == [("submitted", entries.director.pk), ("returned", entries.committee.pk),
                     ("resubmitted", entries.director.pk), ("approved", entries.committee.pk)]


def test_the_committee_refuses_an_entry_with_the_reason(entries):
    entry = submitted(entries)
    with pytest.raises(ValidationError) as refused:
        services.admit(entry, entries.committee, "reject", "")
    assert "comment" in refused.value.message_dict
    services.admit(entry, entries.committee, "reject", "Не соответствует положению")
    entry.refresh_from_db()
    assert entry.status == Status.REFUSED and entry.process.status == "DONE"


def test_no_consent_no_submission(entries):
    entry = draft(entries, consent=None)
    with pytest.raises(ValidationError) as refused:
        services.submit(entry, entries.director)
    assert "152-ФЗ" in refused.value.message_dict["consent_given_on"][0]
    entry.refresh_from_db()
    assert entry.status == Status.DRAFT and entry.process_id is None


def test_an_ineligible_nominee_is_refused_at_submission_with_the_reason(entries):
    entries.competition.young_teachers_only = True
    entries.competition.save()
    entry = draft(entries)  # the school's teacher was born in 1985
    with pytest.raises(ValidationError) as refused:
        services.submit(entry, entries.director)
    assert "35" in refused.value.message_dict["nominee"][0]
    young = entries.school.other_teacher
    young.birth_date, young.organisation = date(2000, 3, 1), entries.school.organisation
    young.save()
    assert services.submit(draft(entries, young), entries.director).status == Status.ADMISSION


def test_after_the_deadline_a_nomination_is_refused(entries):
    entry = draft(entries)
    Competition.objects.filter(pk=entries.competition.pk).update(nominations_deadline=timezone.now() - timedelta(hours=1))
    entry.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.submit(entry, entries.director)
    assert refused.value.error_dict["competition"][0].code == "deadline_passed"
    entries.competition.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        draft(entries, entries.school.mentor)
    assert refused.value.error_dict["competition"][0].code == "deadline_passed"
    assert Entry.objects.count() == 1


def test_the_same_teacher_twice_in_one_competition_is_refused_and_nothing_saved(entries):
    draft(entries)
    with pytest.raises(ValidationError) as refused:
        draft(entries)
    assert "уже" in refused.value.message_dict["nominee"][0]
    assert Entry.objects.count() == 1


def test_a_director_nominates_only_the_teachers_of_their_organisation(entries):
    with pytest.raises(Refused):
        draft(entries, entries.school.other_teacher)
    assert not Entry.objects.exists()


def test_self_nomination_only_where_the_competition_allows_it(entries):
    teacher = entries.school.teacher
    with pytest.raises(ValidationError):
        draft(entries, teacher, by=teacher)
    entries.competition.self_nomination = True
    entries.competition.save()
    assert services.submit(draft(entries, teacher, by=teacher), teacher).status == Status.ADMISSION


def test_the_contestant_withdraws_before_the_results_and_the_process_ends(entries):
    entry = admitted(entries)
    with pytest.raises(Refused):
        services.withdraw(entry, entries.director)
    services.withdraw(entry, entries.school.teacher, "Болезнь")
    entry.refresh_from_db()
    assert entry.status == Status.WITHDRAWN and entry.withdrawn_at
    assert entry.process.status == "CANCELED"
    assert not Task.objects.filter(process_id=entry.process_id, status="NEW").exists()
    event = CaseEvent.objects.get(process_id=entry.process_id, kind="closed")
    assert event.actor == entries.school.teacher and event.comment == "Болезнь"
    assert entry.history.first().history_user == entries.school.teacher
    # withdrawn, the teacher may be nominated again
    assert draft(entries).pk != entry.pk


def test_the_results_conclude_admitted_entries_keeping_their_placement(entries):
    winner, eliminated = admitted(entries), admitted(entries, nominee=entries.school.mentor)
    Entry.objects.filter(pk=winner.pk).update(placement=Placement.WINNER, rank=1)
    Entry.objects.filter(pk=eliminated.pk).update(status=Status.ELIMINATED)
    assert services.conclude_entries(entries.competition, entries.committee) == 2
    winner.refresh_from_db(), eliminated.refresh_from_db()
    assert (winner.status, winner.placement, winner.process.status) == (Status.FINISHED, "winner", "DONE")
    assert (eliminated.status, eliminated.process.status) == (Status.ELIMINATED, "DONE")


def test_a_winner_goes_on_to_the_next_level_with_their_materials(entries):
    entry = draft(entries)
    services.save_entry(entry, entries.director, materials={entries.competition.rounds.get().pk: [pdf("портфолио.pdf")]})
    services.submit(entry, entries.director)
    services.admit(entry, entries.committee, "approve")
    regional = open_competition(entries.competition.municipality, level="regional", name="Учитель года")
    entries.competition.next_level = regional
    entries.competition.save()
    with pytest.raises(ValidationError):
        services.forward_entry(entry, regional, entries.committee)
    Entry.objects.filter(pk=entry.pk).update(placement=Placement.WINNER)
    entry.refresh_from_db()
    forwarded = services.forward_entry(entry, regional, entries.committee)
    assert (forwarded.competition, forwarded.status, forwarded.forwarded_from) == (regional, Status.DRAFT, entry)
    copied = EntryMaterial.objects.get(entry=forwarded)
    assert copied.round == regional.rounds.get() and copied.file.read().startswith(b"%PDF")
