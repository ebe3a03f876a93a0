"""The permission matrix of the jury and the results: role × own/other organisation (and another municipality)
× action, on the page and over the API, one row each. The first round is being scored, the second not yet
open."""
import pytest
from django.urls import reverse

from accounts.models import Role
from competitions.jury import open_round
from competitions.models import Round
from scoring.models import ExpertAssignment
from tests.api import token_client
from tests.competitions.jury_world import contest, entries, school  # noqa: F401  the fixtures
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.school import person

pytestmark = pytest.mark.django_db


def people(world, jurors) -> dict:
    municipality = MunicipalityFactory()
    elsewhere = OrganisationFactory(municipality=municipality)
    return {
        "committee": world.committee, "juror": jurors[0], "methodist": world.school.methodist,
        "officer": world.school.officer, "auditor": world.school.auditor, "director": world.director,
        "contestant": world.school.teacher, "other_director": world.school.other_director,
        "elsewhere_methodist": person("methodist.x", Role.METHODIST, elsewhere, municipality=municipality),
        "elsewhere_auditor": person("auditor.x", Role.AUDITOR, elsewhere, municipality=municipality),
    }


PAGE = {
    "results": lambda client, competition, first, second: client.get(
        reverse("results:competition", args=[competition.pk])),
    "sheet": lambda client, competition, first, second: client.get(reverse("results:sheet", args=[first.pk])),
    "open": lambda client, competition, first, second: client.post(reverse("results:open-round", args=[second.pk])),
    "close": lambda client, competition, first, second: client.post(reverse("results:close-round",
                                                                            args=[first.pk])),
    "approve": lambda client, competition, first, second: client.post(
        reverse("results:protocol", args=[competition.pk]), {"action": "approve"}),
}
API = {
    "results": lambda client, competition, first, second: client.get(f"/api/competition-results/{competition.pk}/"),
    "sheet": lambda client, competition, first, second: client.get(f"/api/competition-rounds/{first.pk}/sheet/"),
    "open": lambda client, competition, first, second: client.post(f"/api/competition-rounds/{second.pk}/open/"),
    "close": lambda client, competition, first, second: client.post(f"/api/competition-rounds/{first.pk}/close/"),
    "approve": lambda client, competition, first, second: client.post(
        f"/api/competition-results/{competition.pk}/approve/"),
}

MATRIX = [
    ("committee", "results", True), ("juror", "results", True), ("methodist", "results", True),
    ("officer", "results", True), ("auditor", "results", True), ("director", "results", False),
    ("contestant", "results", False), ("elsewhere_methodist", "results", False),
    ("elsewhere_auditor", "results", False),
    ("juror", "sheet", True), ("committee", "sheet", False), ("methodist", "sheet", False),
    ("contestant", "sheet", False), ("elsewhere_methodist", "sheet", False),
    ("committee", "open", True), ("juror", "open", False), ("methodist", "open", False), ("auditor", "open", False),
    ("director", "open", False), ("elsewhere_methodist", "open", False),
    ("committee", "close", True), ("juror", "close", False), ("officer", "close", False),
    ("other_director", "close", False), ("elsewhere_auditor", "close", False),
    ("committee", "approve", True), ("juror", "approve", False), ("methodist", "approve", False),
    ("auditor", "approve", False), ("contestant", "approve", False), ("elsewhere_methodist", "approve", False),
]
# Who sees the competition and is refused the action (403) rather than told it is not there.
SEES = {"results": (), "sheet": (), "open": ("juror", "methodist", "auditor"), "close": ("juror", "officer"),
        "approve": ("juror", "methodist", "auditor")}


def state(first, second) -> tuple:
    return (Round.objects.get(pk=first.pk).status, Round.objects.get(pk=second.pk).status,
            ExpertAssignment.objects.count())


@pytest.mark.parametrize(("who", "action", "allowed"), MATRIX)
def test_permission_matrix(client, contest, who, action, allowed):
    """The same answer on the page and over the API; nothing changes when refused. The committee's actions
    pass the rules and meet the round's own state (an earlier round open, sheets missing: 400, not 403)."""
    world, jurors, (first, second), _entries = contest
    open_round(first, world.committee)
    user = people(world, jurors)[who]
    client.force_login(user)
    before = state(first, second)
    page = PAGE[action](client, world.competition, first, second)
    api = API[action](token_client(user), world.competition, first, second)
    if allowed:
        assert page.status_code in (200, 302), page.status_code
        assert api.status_code in (200, 400), api.content[:300]
        return
    assert state(first, second) == before
    expected = 403 if who in SEES[action] else 404
    assert (page.status_code, api.status_code) == (expected, expected), (page.status_code, api.content[:300])
    assert api["Content-Type"].startswith("application/problem+json")
    if expected == 404:
        assert "Не найдено" in api.content.decode()
