"""One event stream per case: the timeline's decisions and the field changes, each with actor, step,
comment, files and links."""
import pytest

from routes import services
from tests.api import token_client
from tests.expertise import in_expertise
from materials import services as materials

pytestmark = pytest.mark.django_db


def test_a_routes_stream_has_its_decisions_changes_and_the_evidence_link(school, make_route):
    route = services.submit(make_route(school.teacher), school.teacher)
    services.review(route, school.lead, "return", "Уточните сроки")
    services.submit(route, school.teacher)
    for reviewer in (school.lead, school.director):
        services.review(route, reviewer, "approve")
    route.refresh_from_db()
    assert route.status == "implementation", route.status
    activity = route.activities.order_by("pk").first()
    services.record_activity_done(activity, school.teacher, link="https://example.org/cert")

    stream = token_client(school.lead).get(f"/api/routes/{route.pk}/events/").json()

    timeline = [event for event in stream if event["source"] == "timeline"]
    assert [event["kind"] for event in timeline][:3] == ["submitted", "returned", "resubmitted"]
    submitted = timeline[0]
    assert submitted["step"] and submitted["actor"]["id"] == school.teacher.pk
    assert submitted["actor_kind"] == "person"
    assert timeline[1]["comment"] == "Уточните сроки" and timeline[1]["actor"]["id"] == school.lead.pk
    [done] = [event for event in timeline if event["kind"] == "activity_done"]
    assert done["links"] == ["https://example.org/cert"] and done["step"] == activity.title
    changes = [event for event in stream if event["source"] == "history"]
    assert changes[0]["kind"] == "created" and changes[0]["actor"]["id"] == school.teacher.pk
    assert [event["at"] for event in stream] == sorted(event["at"] for event in stream)
    # The author reads the timeline without the history, if their role does not let them read it.
    assert token_client(school.other_teacher).get(f"/api/routes/{route.pk}/events/").status_code == 404


def test_the_authors_see_the_experts_events_as_hidden(school, expertise):
    material = in_expertise(expertise)
    materials.decline(material, expertise.experts[0], "Болею")

    authors = token_client(expertise.author).get(f"/api/materials/{material.pk}/events/").json()
    methodist = token_client(expertise.methodist).get(f"/api/materials/{material.pk}/events/").json()

    declined = [event for event in authors if event["source"] == "timeline" and "Болею" in event["comment"]]
    assert declined and declined[0]["actor"] is None and declined[0]["actor_kind"] == "hidden"
    seen = [event for event in methodist if event["source"] == "timeline" and "Болею" in event["comment"]]
    assert seen[0]["actor"]["id"] == expertise.experts[0].pk
