"""The entry's pages: the director's nomination form and its errors, the submit refused at the consent field,
the committee's task on their start page and task list, the list filtered by status."""
import pytest
from django.urls import reverse

from competitions.models import Entry
from tests.api import token_client
from tests.competitions.entries_world import draft, entries, submitted  # noqa: F401  the `entries` fixture
from tests.files import pdf, upload

pytestmark = pytest.mark.django_db


def test_the_director_nominates_a_teacher_with_materials_on_the_page(client, entries):
    client.force_login(entries.director)
    competition_page = client.get(entries.competition.get_absolute_url()).content.decode()
    assert 'data-testid="nominate"' in competition_page
    form = client.get(reverse("competitions:entry_create") + f"?competition={entries.competition.pk}")
    offered = form.content.decode().split('name="nominee"')[1].split("</select>")[0]
    assert f'value="{entries.school.teacher.pk}"' in offered
    assert f'value="{entries.school.other_teacher.pk}"' not in offered
    bad = client.post(reverse("competitions:entry_create"), {
        "competition": entries.competition.pk, "nominee": entries.school.teacher.pk, "nomination": entries.nomination.pk,
        "materials": [upload("эссе.pdf", b"<html>not a pdf</html>")]})
    assert bad.status_code == 200 and not Entry.objects.exists()
    saved = client.post(reverse("competitions:entry_create"), {
        "competition": entries.competition.pk, "nominee": entries.school.teacher.pk, "nomination": entries.nomination.pk,
        "material_round": entries.competition.rounds.get().pk, "materials": [pdf("портфолио.pdf")]})
    entry = Entry.objects.get()
    assert saved.status_code == 302 and entry.materials.get().round == entries.competition.rounds.get()
    refused = client.post(reverse("competitions:entry_action", args=[entry.pk, "submit"]), follow=True)
    assert "152-ФЗ" in refused.content.decode()
    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT
    page = client.get(entry.get_absolute_url()).content.decode()
    assert "портфолио.pdf" in page and "не получено" in page


def test_the_committee_finds_the_admission_on_its_start_page_and_task_list(client, entries):
    entry = submitted(entries)
    client.force_login(entries.committee)
    assert entry.number in client.get(reverse("cabinet:index")).content.decode()
    assert entry.number in client.get("/tasks/").content.decode()
    tasks = token_client(entries.committee).get("/api/tasks/").json()
    assert [(task["node"], task["case"]["type"], task["case"]["number"]) for task in tasks["results"]] == [
        ("admission", "competition_entry", entry.number)]
    page = client.get(entry.get_absolute_url()).content.decode()
    assert 'data-testid="admit"' in page
    answer = client.post(reverse("competitions:entry_action", args=[entry.pk, "admit"]), {"decision": "return"})
    assert answer.status_code == 200 and "комментарий" in answer.content.decode().lower()
    entry.refresh_from_db()
    assert entry.status == Entry.Status.ADMISSION


def test_the_entries_are_listed_by_status(client, entries):
    waiting, kept = submitted(entries), draft(entries, entries.school.mentor)
    api = token_client(entries.director)
    listed = api.get("/api/competition-entries/?status=admission").json()["results"]
    assert [item["number"] for item in listed] == [waiting.number]
    assert api.get("/api/competition-entries/?status=nonsense").status_code == 400
    client.force_login(entries.director)
    page = client.get(reverse("competitions:entries") + "?status=draft").content.decode()
    assert kept.number in page and waiting.number not in page
