"""Setting a competition up: the methodist's form and the committee's changes, rounds with weighted criteria
and their jury, opening for nominations; bad input is a Russian error beside its field, nothing saved."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from competitions.models import Competition, CompetitionMember, MemberRole, Round
from tests.api import token_client
from tests.competitions.entries_world import entries  # noqa: F401  the `entries` fixture

pytestmark = pytest.mark.django_db


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_methodist_sets_a_competition_up_on_the_page(client, entries):
    school = entries.school
    client.force_login(school.methodist)
    form = client.get(reverse("competitions:create"))
    assert "Учитель года" in form.content.decode()  # the seeds' names are suggested
    deadline = timezone.now() + timedelta(days=20)
    answer = client.post(reverse("competitions:create"), {
        "name": "Учитель года", "level": "municipal", "year": 2026, "municipality": school.organisation.municipality_id,
        "nominations_open_on": timezone.localdate().isoformat(), "nominations_deadline": local(deadline),
        "aggregation": "trimmed_mean", "tie_break": "last_round", "winners": 1, "prize_winners": 2,
        "young_teachers_only": "on", "max_tenure_years": 5, "positions": "учитель\nвоспитатель",
        "nominations": "Молодой учитель\nНаставник", "committee": [entries.committee.pk],
        "jury": [entries.juror.pk, school.other_lead.pk]})
    competition = Competition.objects.get(name="Учитель года")
    assert answer.status_code == 302 and answer["Location"] == competition.get_absolute_url()
    assert competition.positions == ["учитель", "воспитатель"] and competition.status == Competition.Status.SETUP
    assert sorted(competition.nominations.values_list("name", flat=True)) == ["Молодой учитель", "Наставник"]
    assert set(CompetitionMember.objects.filter(competition=competition, role=MemberRole.JURY).values_list(
        "person", flat=True)) == {entries.juror.pk, school.other_lead.pk}
    page = client.get(competition.get_absolute_url()).content.decode()
    assert "Наставник" in page and "только молодые педагоги" in page


def test_a_deadline_before_the_opening_is_refused_beside_its_field_and_nothing_saved(client, entries):
    client.force_login(entries.school.methodist)
    answer = client.post(reverse("competitions:create"), {
        "name": "Воспитатель года", "level": "municipal", "year": 2026,
        "municipality": entries.school.organisation.municipality_id, "nominations_open_on": "2026-12-20",
        "nominations_deadline": "2026-12-10T18:00", "aggregation": "mean", "tie_break": "last_round",
        "winners": 1, "prize_winners": 2})
    assert answer.status_code == 200
    assert "Срок приёма заявок раньше его начала" in answer.content.decode()
    assert not Competition.objects.filter(name="Воспитатель года").exists()


def test_a_round_with_a_bad_criterion_or_an_outside_juror_is_refused_and_a_good_one_saved(client, entries):
    competition = entries.competition
    Competition.objects.filter(pk=competition.pk).update(status=Competition.Status.SETUP)
    client.force_login(entries.committee)
    url = reverse("competitions:round_create", args=[competition.pk])
    bad = client.post(url, {"name": "Эссе", "kind": "essay", "criteria": "Глубина; 0; 1\nСтиль; много",
                            "jury": [entries.juror.pk]})
    text = bad.content.decode()
    assert bad.status_code == 200 and "Строка 2" in text
    assert not competition.rounds.filter(name="Эссе").exists()
    outsider = client.post(url, {"name": "Эссе", "kind": "essay", "criteria": "Глубина; 10; 2",
                                 "jury": [entries.school.lead.pk]})
    assert outsider.status_code == 200 and not competition.rounds.filter(name="Эссе").exists()
    good = client.post(url, {"name": "Эссе", "kind": "essay", "criteria": "Глубина; 10; 2\nСтиль; 5",
                             "jury": [entries.juror.pk], "advance_top": 5})
    assert good.status_code == 302
    essay = competition.rounds.get(name="Эссе")
    assert essay.position == 2 and list(essay.jury.all()) == [entries.juror]
    assert [(c.name, c.max_score, str(c.weight)) for c in essay.criteria.all()] == [
        ("Глубина", 10, "2.00"), ("Стиль", 5, "1.00")]


def test_the_api_sets_up_a_competition_its_rounds_and_opens_it(entries):
    api = token_client(entries.school.methodist)
    created = api.post("/api/competitions/", {
        "name": "Педагог-наставник", "year": 2026, "municipality": entries.school.organisation.municipality_id,
        "nominations_deadline": (timezone.now() + timedelta(days=5)).isoformat(), "nominations": ["Наставник"],
        "committee": [entries.committee.pk], "jury": [entries.juror.pk]}, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    early = token_client(entries.committee).post(f"/api/competitions/{pk}/open/")
    assert early.status_code == 400 and early.json()["errors"][0]["field"] == "rounds"
    bad = api.post(f"/api/competitions/{pk}/rounds/", {"name": "Открытый урок", "kind": "open_lesson", "criteria": [
        {"name": "Методика", "max_score": 0}]}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "criteria[0].max_score"
    assert not Round.objects.filter(competition=pk).exists()
    good = api.post(f"/api/competitions/{pk}/rounds/", {"name": "Открытый урок", "kind": "open_lesson", "criteria": [
        {"name": "Методика", "max_score": 10, "weight": "1.5"}], "jury": [entries.juror.pk]}, format="json")
    assert good.status_code == 201 and good.json()["rounds"][0]["criteria"][0]["weight"] == "1.50"
    opened = token_client(entries.committee).post(f"/api/competitions/{pk}/open/")
    assert opened.status_code == 200 and opened.json()["status"] == "nominations"
    assert token_client(entries.juror).patch(f"/api/competitions/{pk}/", {"winners": 3}, format="json").status_code == 403
