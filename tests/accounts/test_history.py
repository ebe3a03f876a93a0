import pytest

from accounts.history import acting_as
from accounts.models import Organisation, Role, RoleAssignment
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_change_outside_a_request_records_the_explicit_actor():
    officer = UserFactory(username="officer")
    school = OrganisationFactory(is_low_results=False)

    with acting_as(officer):
        school.is_low_results = True
        school.save()

    latest = school.history.latest()
    assert latest.history_user == officer
    assert latest.history_type == "~"
    change = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in change.changes] == [("is_low_results", False, True)]


def test_a_change_through_the_admin_records_the_signed_in_user(client):
    admin = UserFactory(username="admin.test", is_staff=True)
    RoleAssignmentFactory(user=admin, role=Role.ADMIN)
    school = OrganisationFactory()
    client.force_login(admin)

    response = client.post(
        f"/admin/accounts/organisation/{school.pk}/change/",
        {
            "municipality": school.municipality_id,
            "name": school.name,
            "short_name": "Переименованная школа",
            "kind": Organisation.Kind.SCHOOL,
            "is_small_school": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    latest = school.history.latest()
    assert latest.short_name == "Переименованная школа"
    assert latest.history_user == admin


def test_the_admin_shows_the_history_of_a_person(client):
    admin = UserFactory(username="admin.test", last_name="Лебедев", first_name="Павел", is_staff=True)
    RoleAssignmentFactory(user=admin, role=Role.ADMIN)
    teacher = UserFactory(position="учитель")
    with acting_as(admin):
        teacher.position = "учитель-логопед"
        teacher.save()
    client.force_login(admin)

    page = client.get(f"/admin/accounts/user/{teacher.pk}/history/").content.decode()

    assert "учитель-логопед" in page
    assert "Лебедев Павел" in page


def test_role_assignments_have_history_too():
    officer = UserFactory()
    with acting_as(officer):
        assignment = RoleAssignmentFactory(role=Role.TEACHER, organisation=OrganisationFactory())
        assignment_id = assignment.pk
        assignment.delete()

    rows = RoleAssignment.history.filter(id=assignment_id).order_by("history_date")
    assert [row.history_type for row in rows] == ["+", "-"]
    assert {row.history_user for row in rows} == {officer}
