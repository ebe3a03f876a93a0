"""The permission matrix of applications for a site's status: role × own/other organisation (and another
municipality) × action, on the page and over the API, one row each."""
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from platforms.models import SiteApplication
from tests.api import token_client
from tests.platforms.applications_world import (  # noqa: F401  the `sites` fixture
    at_order, at_protocol, in_expertise, other_municipality_staff, sites, submitted,
)

pytestmark = pytest.mark.django_db
Status = SiteApplication.Status


def people(sites) -> dict:
    elsewhere = other_municipality_staff()
    return {
        "director": sites.director, "other_director": sites.school.other_director, "teacher": sites.school.teacher,
        "methodist": sites.methodist, "officer": sites.officer, "auditor": sites.school.auditor,
        "expert": sites.experts[0], "free_expert": sites.experts[3],
        "elsewhere_methodist": elsewhere[Role.METHODIST], "elsewhere_officer": elsewhere[Role.OFFICER],
        "elsewhere_auditor": elsewhere[Role.AUDITOR], "elsewhere_director": elsewhere[Role.DIRECTOR],
    }


def page_post(client, application, name, data):
    return client.post(reverse("site_applications:action", args=[application.pk, name]), data)


def api_post(client, application, name, data):
    return client.post(f"/api/site-applications/{application.pk}/{name}/", data, format="json")


def protocol_body(sites) -> dict:
    return {"number": "1", "date": timezone.localdate().isoformat(), "members_present": [
        sites.experts[0].pk, sites.experts[1].pk], "votes_for": 2, "votes_against": 0, "votes_abstained": 0,
        "recommendation": "grant", "text": ""}


REFUSAL = "Не соответствует приоритетам муниципалитета"
# Each action: the state the application is brought to, its request on the page and over the API, and the
# status it has after when allowed (None: unchanged).
PAGE = {
    "view": lambda client, sites, application: client.get(application.get_absolute_url()),
    "check": lambda client, sites, application: page_post(client, application, "check", {"decision": "approve"}),
    "protocol": lambda client, sites, application: page_post(client, application, "protocol", protocol_body(sites)),
    "order": lambda client, sites, application: page_post(client, application, "refuse", {"reason": REFUSAL}),
}
API = {
    "view": lambda client, sites, application: client.get(f"/api/site-applications/{application.pk}/"),
    "check": lambda client, sites, application: api_post(client, application, "check", {"decision": "approve"}),
    "protocol": lambda client, sites, application: api_post(client, application, "protocol", protocol_body(sites)),
    "order": lambda client, sites, application: api_post(client, application, "order", {
        "decision": "refuse", "reason": REFUSAL}),
}
STATES = {"view": (in_expertise, None), "check": (submitted, Status.EXPERT_ASSIGNMENT),
          "protocol": (at_protocol, Status.ORDER), "order": (at_order, Status.REFUSED)}

MATRIX = [
    ("director", "view", True), ("other_director", "view", False), ("teacher", "view", False),
    ("methodist", "view", True), ("officer", "view", True), ("auditor", "view", True), ("expert", "view", True),
    ("free_expert", "view", False), ("elsewhere_methodist", "view", False), ("elsewhere_auditor", "view", False),
    ("elsewhere_director", "view", False),
    ("methodist", "check", True), ("director", "check", False), ("auditor", "check", False),
    ("officer", "check", False), ("elsewhere_methodist", "check", False),
    ("methodist", "protocol", True), ("expert", "protocol", False), ("auditor", "protocol", False),
    ("officer", "order", True), ("methodist", "order", False), ("auditor", "order", False),
    ("elsewhere_officer", "order", False),
]


@pytest.mark.parametrize(("who", "action", "allowed"), MATRIX)
def test_permission_matrix(client, sites, who, action, allowed):
    """The same answer on the page and over the API; what is allowed is done once through each."""
    prepare, after = STATES[action]
    user = people(sites)[who]
    client.force_login(user)
    application = prepare(sites)
    page = PAGE[action](client, sites, application)
    if allowed and after:  # the page did it: the API does it to another application at the same step
        application.refresh_from_db()
        assert application.status == after
        application = prepare(sites)
    before = SiteApplication.objects.get(pk=application.pk).status
    api = API[action](token_client(user), sites, application)
    application.refresh_from_db()
    if allowed:
        assert page.status_code in (200, 302) and api.status_code == 200, api.content[:300]
        assert application.status == (after or before)
        return
    sees = action != "view" and who in ("director", "auditor", "officer", "methodist", "expert")
    assert (page.status_code, api.status_code) == ((403, 403) if sees else (404, 404))
    assert application.status == before
    assert api["Content-Type"].startswith("application/problem+json")
    if not sees:
        # «Не найдено.» / «Страница не найдена»: what is not theirs is what does not exist
        assert "найден" in page.content.decode() and "найден" in api.content.decode()
