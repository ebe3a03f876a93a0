import pytest
from django.core.exceptions import ImproperlyConfigured
from guardian.shortcuts import assign_perm

from accounts.models import Organisation, Role, User
from accounts.permissions import allow, may, organisations_in_scope, visible
from tests.factories import (MunicipalityFactory, OrganisationFactory, RegionFactory, RoleAssignmentFactory,
    UserFactory, person_with_role)

pytestmark = pytest.mark.django_db


def test_auditors_can_never_be_allowed_to_change_anything():
    with pytest.raises(ImproperlyConfigured):
        allow(Organisation, ["change"], [Role.AUDITOR])


def test_an_auditor_reads_people_of_their_municipality_and_changes_nothing():
    municipality = MunicipalityFactory()
    auditor = person_with_role(Role.AUDITOR, municipality=municipality)
    teacher = UserFactory(organisation=OrganisationFactory(municipality=municipality))

    assert may(auditor, "view", teacher)
    assert may(auditor, "view_history", teacher)
    assert not may(auditor, "change", teacher)
    assert not may(auditor, "delete", teacher)


def test_a_regional_auditor_reads_every_municipality_of_the_region_only():
    region = RegionFactory()
    auditor = person_with_role(Role.AUDITOR, region=region)
    inside = UserFactory(organisation=OrganisationFactory(municipality=MunicipalityFactory(region=region)))
    outside = UserFactory(organisation=OrganisationFactory(municipality=MunicipalityFactory()))

    assert may(auditor, "view", inside)
    assert not may(auditor, "view", outside)


def test_a_teacher_sees_themselves_but_not_colleagues():
    school = OrganisationFactory()
    teacher = person_with_role(Role.TEACHER, organisation=school)
    colleague = UserFactory(organisation=school)

    assert may(teacher, "view", teacher)
    assert not may(teacher, "view", colleague)
    assert list(visible(teacher, "view", User.objects.all())) == [teacher]


def test_visible_lists_exactly_what_may_answers_for_each_object():
    municipality = MunicipalityFactory()
    school_a = OrganisationFactory(municipality=municipality)
    school_b = OrganisationFactory(municipality=municipality)
    director = person_with_role(Role.DIRECTOR, organisation=school_a)
    people = [UserFactory(organisation=school) for school in (school_a, school_a, school_b)]
    people.append(UserFactory(organisation=OrganisationFactory()))

    listed = set(visible(director, "view", User.objects.all()))

    assert listed == {person for person in User.objects.all() if may(director, "view", person)}
    assert listed == {director, people[0], people[1]}


@pytest.mark.parametrize("listed", [500, 0], ids=["grants named in the query", "grants as a subquery"])
def test_a_guardian_grant_on_one_object_lets_a_person_see_only_that_object(listed, monkeypatch):
    monkeypatch.setattr("accounts.permissions.GRANTS_LISTED", listed)
    outsider = person_with_role(Role.EXPERT, municipality=MunicipalityFactory())
    granted, other = UserFactory(), UserFactory()
    assign_perm("accounts.view_user", outsider, granted)

    assert may(outsider, "view", granted)
    assert not may(outsider, "view", other)
    assert granted in visible(outsider, "view", User.objects.all())
    assert other not in visible(outsider, "view", User.objects.all())


def test_anonymous_visitors_may_do_nothing():
    from django.contrib.auth.models import AnonymousUser

    teacher = UserFactory()
    assert not may(AnonymousUser(), "view", teacher)
    assert not visible(AnonymousUser(), "view", User.objects.all()).exists()


def test_a_scoped_role_grants_nothing_without_an_object():
    """Viewflow's can_assign also asks without an object; only administrators may pass that."""
    director = person_with_role(Role.DIRECTOR, organisation=OrganisationFactory())
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.ADMIN)

    assert not director.has_perm("accounts.view_user")
    assert admin.has_perm("accounts.view_user")


def test_a_role_acts_in_its_scope_object_only_and_for_its_validity_as_the_grants_say():
    """The backend answers a step's `act_as_…` permission from the assignments, as the guardian grants
    mirroring them would, so a check does not read the grants."""
    from datetime import timedelta

    from django.utils import timezone
    from guardian.models import UserObjectPermission

    school, other = OrganisationFactory(), OrganisationFactory()
    lead = person_with_role(Role.LEAD, organisation=school)
    former = UserFactory()
    RoleAssignmentFactory(user=former, role=Role.LEAD, organisation=school,
                          valid_until=timezone.localdate() - timedelta(days=1))
    methodist = person_with_role(Role.METHODIST, municipality=school.municipality)
    UserObjectPermission.objects.all().delete()

    assert lead.has_perm("accounts.act_as_lead_in_organisation", school)
    assert not lead.has_perm("accounts.act_as_lead_in_organisation", other)
    assert not lead.has_perm("accounts.act_as_director_in_organisation", school)
    assert not former.has_perm("accounts.act_as_lead_in_organisation", school)
    assert methodist.has_perm("accounts.act_as_methodist_in_municipality", school.municipality)
    assert not methodist.has_perm("accounts.act_as_methodist_in_municipality", other.municipality)
    assert not methodist.has_perm("accounts.act_as_lead_in_organisation", school)


def test_the_organisations_in_scope_of_each_kind_of_role():
    school = OrganisationFactory()
    neighbour = OrganisationFactory(municipality=school.municipality)
    elsewhere = OrganisationFactory()
    director = person_with_role(Role.DIRECTOR, organisation=school)
    methodist = person_with_role(Role.METHODIST, municipality=school.municipality)
    regional = person_with_role(Role.AUDITOR, region=school.municipality.region)
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.ADMIN)

    assert set(organisations_in_scope(director)) == {school}
    assert set(organisations_in_scope(methodist)) == set(Organisation.objects.filter(municipality=school.municipality))
    assert {school, neighbour} <= set(organisations_in_scope(methodist)) and elsewhere not in organisations_in_scope(
        methodist)
    assert {school, neighbour} <= set(organisations_in_scope(regional))
    assert elsewhere in set(organisations_in_scope(admin))
    assert set(organisations_in_scope(UserFactory())) == set()
