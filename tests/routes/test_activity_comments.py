"""The methodist comments on the activities of a route under way; a draft has no timeline yet."""
import pytest
from django.core.exceptions import ValidationError

from routes import services
from tests.api import token_client
from workflows.models import CaseEvent

pytestmark = pytest.mark.django_db


def test_a_comment_on_an_activity_of_a_draft_route_is_refused_with_a_reason(school, make_route):
    route = make_route(school.teacher)
    activity = route.activities.first()

    with pytest.raises(ValidationError) as refused:
        services.comment_activity(activity, school.methodist, "Возьмите курс ЦНППМ")

    assert refused.value.message_dict["comment"] == [
        "Маршрут ещё не подан: мероприятия комментируют, когда он в работе."]
    activity.refresh_from_db()
    assert activity.methodist_comment == ""


def test_the_api_answers_400_to_a_comment_on_an_activity_of_a_draft_route(school, make_route):
    route = make_route(school.teacher)
    activity = route.activities.first()

    response = token_client(school.methodist).post(f"/api/routes/{route.pk}/activities/{activity.pk}/comment/",
                                                   {"comment": "Возьмите курс ЦНППМ"}, format="json")

    assert response.status_code == 400
    activity.refresh_from_db()
    assert activity.methodist_comment == "" and not CaseEvent.objects.exists()
