"""Owner rules: actions only the person an object belongs to performs, in the states the rule names."""
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.utils import translation

from accounts.models import Role
from accounts.permissions import may, visible, visible_or_404
from routes.models import IndividualRoute
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.school import draft_route, person

pytestmark = pytest.mark.django_db

Status = IndividualRoute.Status


@pytest.fixture
def route(school):
    return draft_route(school.teacher)


def test_only_the_author_edits_and_submits_their_draft(school, route):
    assert may(school.teacher, "edit", route)
    assert may(school.teacher, "submit", route)
    for other in (school.other_teacher, school.lead, school.director, school.methodist):
        assert not may(other, "edit", route), other.username
        assert not may(other, "submit", route), other.username


def test_no_administrator_stands_in_for_the_author(route):
    admin = UserFactory(username="admin.x", is_superuser=True, is_staff=True)
    RoleAssignmentFactory(user=admin, role=Role.ADMIN)

    assert may(admin, "view", route)
    assert not may(admin, "edit", route)


def test_the_author_edits_only_in_draft_or_when_returned(school, route):
    for status, editable in [(Status.DRAFT, True), (Status.RETURNED, True), (Status.AGREEMENT, False),
                             (Status.IMPLEMENTATION, False)]:
        route.status = status
        assert may(school.teacher, "edit", route) is editable, status
        assert may(school.teacher, "submit", route), status  # the service tells the step apart


def test_an_author_whose_teacher_role_ended_still_owns_their_route(school, route):
    school.teacher.role_assignments.all().delete()

    assert may(school.teacher, "edit", route)


def test_a_state_dependent_rule_is_not_answered_for_a_whole_list(school, route):
    with pytest.raises(ImproperlyConfigured):
        visible(school.teacher, "edit", IndividualRoute.objects.all())
    assert list(visible(school.teacher, "submit", IndividualRoute.objects.all())) == [route]
    assert list(visible(school.other_teacher, "submit", IndividualRoute.objects.all())) == []


def test_visible_or_404_returns_what_the_user_may_see(school, route):
    assert visible_or_404(school.teacher, "view", IndividualRoute, pk=route.pk) == route
    assert visible_or_404(school.lead, "view", IndividualRoute.objects.select_related("author"), pk=route.pk) == route


@pytest.mark.parametrize("case", ["hidden", "missing"])
def test_visible_or_404_answers_alike_for_a_hidden_and_a_missing_object(school, route, case):
    outsider = person("teacher.elsewhere", Role.TEACHER, school.other_teacher.organisation)
    pk = route.pk if case == "hidden" else route.pk + 1000

    with translation.override("ru"), pytest.raises(Http404) as raised:
        visible_or_404(outsider, "view", IndividualRoute.objects.all(), pk=pk)

    assert str(raised.value) == "Не найдено."
