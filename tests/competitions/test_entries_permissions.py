"""The permission matrix of competition entries and their set-up: role × own/other organisation (and another
municipality) × action, on the page and over the API, one row each."""
import pytest
from django.urls import reverse

from accounts.models import Role
from competitions.models import Competition, Entry
from tests.api import token_client
from tests.competitions.entries_world import entries, submitted  # noqa: F401  the `entries` fixture
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.school import person

pytestmark = pytest.mark.django_db


def people(world) -> dict:
    municipality = MunicipalityFactory()
    elsewhere = OrganisationFactory(municipality=municipality)
    return {
        "director": world.director, "other_director": world.school.other_director, "nominee": world.school.teacher,
        "committee": world.committee, "juror": world.juror, "methodist": world.school.methodist,
        "auditor": world.school.auditor,
        "elsewhere_methodist": person("methodist.x", Role.METHODIST, elsewhere, municipality=municipality),
        "elsewhere_auditor": person("auditor.x", Role.AUDITOR, elsewhere, municipality=municipality),
        "elsewhere_director": person("director.x", Role.DIRECTOR, elsewhere),
    }


def nominate_page(client, world, entry):
    return client.post(reverse("competitions:entry_create"), {
        "competition": world.competition.pk, "nominee": world.school.mentor.pk, "nomination": world.nomination.pk,
        "consent_given_on": "2026-01-15"})


def nominate_api(client, world, entry):
    return client.post("/api/competition-entries/", {
        "competition": world.competition.pk, "nominee": world.school.mentor.pk, "nomination": world.nomination.pk,
        "consent_given_on": "2026-01-15"}, format="json")


PAGE = {
    "view": lambda client, world, entry: client.get(entry.get_absolute_url()),
    "nominate": nominate_page,
    "admit": lambda client, world, entry: client.post(reverse("competitions:entry_action", args=[entry.pk, "admit"]),
                                                      {"decision": "approve"}),
    "set_up": lambda client, world, entry: client.post(reverse("competitions:open", args=[world.competition.pk])),
}
API = {
    "view": lambda client, world, entry: client.get(f"/api/competition-entries/{entry.pk}/"),
    "nominate": nominate_api,
    "admit": lambda client, world, entry: client.post(f"/api/competition-entries/{entry.pk}/admit/",
                                                      {"decision": "approve"}, format="json"),
    "set_up": lambda client, world, entry: client.patch(f"/api/competitions/{world.competition.pk}/",
                                                        {"winners": 2}, format="json"),
}

MATRIX = [
    ("director", "view", True), ("other_director", "view", False), ("nominee", "view", True),
    ("committee", "view", True), ("juror", "view", False), ("methodist", "view", True), ("auditor", "view", True),
    ("elsewhere_methodist", "view", False), ("elsewhere_auditor", "view", False),
    ("elsewhere_director", "view", False),
    ("director", "nominate", True), ("other_director", "nominate", False), ("auditor", "nominate", False),
    ("committee", "nominate", False), ("elsewhere_director", "nominate", False),
    ("committee", "admit", True), ("juror", "admit", False), ("director", "admit", False),
    ("methodist", "admit", False), ("auditor", "admit", False), ("elsewhere_methodist", "admit", False),
    ("committee", "set_up", True), ("methodist", "set_up", True), ("juror", "set_up", False),
    ("director", "set_up", False), ("auditor", "set_up", False), ("elsewhere_methodist", "set_up", False),
]
# The refusals other than «not found» on both (404, 404): who sees the entry or the competition is refused the
# action (403); the page's nomination form offers only one's own teachers, so another's is an error beside the
# field (200, nothing saved); a competition of another municipality is an id that does not exist to the API (400).
REFUSED = {("other_director", "nominate"): (200, 403), ("auditor", "nominate"): (403, 403),
           ("committee", "nominate"): (403, 403), ("elsewhere_director", "nominate"): (404, 400),
           ("director", "admit"): (403, 403), ("methodist", "admit"): (403, 403), ("auditor", "admit"): (403, 403),
           ("juror", "set_up"): (403, 403), ("auditor", "set_up"): (403, 403)}


def state(world, entry) -> tuple:
    entry.refresh_from_db()
    competition = Competition.objects.get(pk=world.competition.pk)
    return entry.status, Entry.objects.count(), competition.status, competition.winners


@pytest.mark.parametrize(("who", "action", "allowed"), MATRIX)
def test_permission_matrix(client, entries, who, action, allowed):
    """The same answer on the page and over the API; nothing changes when refused."""
    user = people(entries)[who]
    entry = submitted(entries)
    if action == "set_up":
        Competition.objects.filter(pk=entries.competition.pk).update(status=Competition.Status.SETUP)
    client.force_login(user)
    before = state(entries, entry)
    page = PAGE[action](client, entries, entry)
    if allowed:
        assert page.status_code in (200, 302)
        assert page.status_code == 200 if action == "view" else state(entries, entry) != before
        if action in ("nominate", "admit"):  # the API does it again to a fresh case
            Entry.objects.exclude(pk=entry.pk).delete() if action == "nominate" else None
            entry = entry if action == "nominate" else submitted(entries, nominee=entries.school.lead)
        api = API[action](token_client(user), entries, entry)
        assert api.status_code in (200, 201), api.content[:300]
        return
    api = API[action](token_client(user), entries, entry)
    assert state(entries, entry) == before
    expected = REFUSED.get((who, action), (404, 404))
    assert (page.status_code, api.status_code) == expected, (page.status_code, api.content[:300])
    assert api["Content-Type"].startswith("application/problem+json")
    if expected == (200, 403):
        assert "mf-errors" in page.content.decode()
    if expected == (404, 404):
        assert "найден" in page.content.decode() and "Не найдено" in api.content.decode()
