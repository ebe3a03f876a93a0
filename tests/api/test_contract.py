"""The schema says what the answers hold: empty values are null, not "" outside their enum or format;
enums hold every value a case can have; the request bodies require what the services require."""
import pytest
from drf_spectacular.generators import SchemaGenerator

from routes.models import IndividualRoute
from tests.api import token_client
from tests.api.test_permissions import in_implementation
from tests.expertise import in_expertise, published
from materials.models import Material, PracticeStage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def components() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]


def enum_of(components: dict, prop: dict) -> set:
    """The values a property may take: its enum, or the enums its `oneOf`/`allOf` names."""
    if "$ref" in prop:
        return enum_of(components, components[prop["$ref"].rsplit("/", 1)[1]])
    if "enum" in prop:
        return set(prop["enum"])
    values = set()
    for part in prop.get("oneOf", []) + prop.get("allOf", []):
        values |= enum_of(components, part)
    return values


def test_a_material_not_yet_published_has_no_practice_stage_rather_than_an_empty_one(expertise, components):
    material = in_expertise(expertise)

    answer = token_client(expertise.author).get(f"/api/materials/{material.pk}/").data

    assert answer["practice_stage"] is None
    assert enum_of(components, components["MaterialDetail"]["properties"]["practice_stage"]) == {
        *PracticeStage.values, None}


def test_a_practice_of_the_bank_has_its_stage(expertise):
    practice = published(expertise, "Проектная деятельность", "Серия уроков")
    practice.practice_stage = PracticeStage.GENERALISED
    practice.save(update_fields=["practice_stage"])

    answer = token_client(expertise.author).get(f"/api/bank/{practice.pk}/").data

    assert answer["practice_stage"] == "generalised"


def test_an_activity_without_evidence_has_null_links_and_a_route_not_evaluated_a_null_result(school, make_route,
                                                                                            components):
    route = in_implementation(school, make_route)

    answer = token_client(school.teacher).get(f"/api/routes/{route.pk}/").data

    assert answer["result"] is None
    assert {(activity["evidence"], activity["evidence_link"]) for activity in answer["activities"]} == {(None, None)}
    activity = components["RouteActivity"]["properties"]
    assert activity["evidence_link"].get("nullable") and activity["evidence_link"]["format"] == "uri"


def test_a_recorded_link_is_sent_as_it_was_given(school, make_route):
    route = in_implementation(school, make_route)
    activity = route.activities.first()
    teacher = token_client(school.teacher)

    answer = teacher.post(f"/api/routes/{route.pk}/activities/{activity.pk}/done/",
                          {"link": "https://example.org/cert"}, format="json")

    assert answer.status_code == 200 and answer.data["evidence_link"] == "https://example.org/cert"


def test_the_status_enums_hold_every_status_of_a_case(components):
    routes = enum_of(components, components["Route"]["properties"]["status"])
    materials = enum_of(components, components["Material"]["properties"]["status"])

    assert routes == set(IndividualRoute.Status.values)
    assert materials == set(Material.Status.values)


def test_a_new_route_requires_its_activities(components):
    body = components["RouteInputRequest"]

    assert "activities" in body["required"]
    assert "activities" not in components["PatchedRouteInputRequest"].get("required", [])


def test_ids_in_paths_are_positive():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]

    ids = [parameter["schema"] for operations in paths.values() for operation in operations.values()
           for parameter in operation.get("parameters", []) if parameter["in"] == "path"]

    assert ids and all(schema == {"type": "integer", "minimum": 1} for schema in ids)


def test_list_pages_are_bounded_and_a_page_past_the_end_is_documented():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]

    for path in ("/api/tasks/", "/api/routes/", "/api/materials/", "/api/bank/"):
        operation = paths[path]["get"]
        page = next(parameter for parameter in operation["parameters"] if parameter["name"] == "page")
        assert page["schema"]["minimum"] == 1 and "404" in operation["responses"], path
