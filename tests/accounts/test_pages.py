import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role, RoleAssignment, User
from competitions.models import CompetitionMember, MemberRole
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_login_page_speaks_russian(client):
    page = client.get(reverse("login")).content.decode()

    assert "Вход" in page
    assert "Имя пользователя" in page
    assert "Пароль" in page


@pytest.mark.parametrize("url", ["/", "/cabinet/", "/admin/"])
def test_no_page_is_shown_without_login(client, url):
    response = client.get(url, follow=True)

    assert response.redirect_chain, f"{url} was served without login"
    assert response.request["PATH_INFO"] in (reverse("login"), "/admin/login/")


def test_a_wrong_password_gets_a_clear_russian_message(client):
    UserFactory(username="teacher.test")

    response = client.post(reverse("login"), {"username": "teacher.test", "password": "wrong"})

    assert response.status_code == 200
    assert "введите правильные имя пользователя и пароль" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_home_page_shows_the_person_with_roles_and_scopes(client):
    school = OrganisationFactory(short_name="СОШ № 7")
    person = UserFactory(last_name="Смирнова", first_name="Анна", patronymic="Сергеевна", organisation=school)
    RoleAssignmentFactory(user=person, role=Role.TEACHER, organisation=school)
    RoleAssignmentFactory(user=person, role=Role.MENTOR, municipality=school.municipality)
    client.force_login(person)

    page = client.get("/", follow=True).content.decode()

    assert "Смирнова Анна Сергеевна" in page
    assert "педагог" in page and "СОШ № 7" in page
    assert "наставник" in page and str(school.municipality) in page


def test_the_administration_link_is_offered_to_administrators_only(client):
    teacher = UserFactory()
    RoleAssignmentFactory(user=teacher, role=Role.TEACHER, organisation=teacher.organisation)
    client.force_login(teacher)

    assert client.get("/admin/").status_code == 302


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", people_only=True, verbosity=0)


def test_every_demo_user_logs_in_and_sees_their_roles(client, demo):
    demo_users = User.objects.exclude(username="system").order_by("username")
    assert demo_users.count() == 5 * (len(Role) + len(MemberRole))

    for user in demo_users:
        response = client.post(reverse("login"), {"username": user.username, "password": "demo"}, follow=True)
        page = response.content.decode()
        assert response.status_code == 200, user.username
        for assignment in RoleAssignment.objects.filter(user=user):
            assert str(assignment.get_role_display()) in page, (user.username, assignment.role)
        for membership in CompetitionMember.objects.filter(person=user):
            assert str(membership.get_role_display()) in page, (user.username, membership.role)
        client.post(reverse("logout"))


def test_demo_users_are_named_role_dot_municipality(demo):
    usernames = set(User.objects.values_list("username", flat=True))
    for slug in ["tomsk", "novotroitsk", "slavyansk", "tyumen", "krasnoyarsk"]:
        for role in (*Role, *MemberRole):
            assert f"{role.value}.{slug}" in usernames
