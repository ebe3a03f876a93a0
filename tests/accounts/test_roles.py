from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role, RoleAssignment
from accounts.permissions import may
from tests.factories import (MunicipalityFactory, OrganisationFactory, RoleAssignmentFactory,
    UserFactory, person_with_role)

pytestmark = pytest.mark.django_db


def test_director_of_school_a_is_not_director_of_school_b():
    school_a, school_b = OrganisationFactory(), OrganisationFactory()
    director = person_with_role(Role.DIRECTOR, organisation=school_a)
    teacher_a = UserFactory(organisation=school_a)
    teacher_b = UserFactory(organisation=school_b)

    assert may(director, "view", teacher_a)
    assert not may(director, "view", teacher_b)


def test_municipal_methodist_reaches_every_organisation_of_the_municipality_only():
    municipality = MunicipalityFactory()
    methodist = person_with_role(Role.METHODIST, municipality=municipality)
    inside = UserFactory(organisation=OrganisationFactory(municipality=municipality))
    outside = UserFactory(organisation=OrganisationFactory())

    assert may(methodist, "view", inside)
    assert not may(methodist, "view", outside)


def test_a_person_holds_several_roles_in_different_scopes_at_once():
    school, other_school = OrganisationFactory(), OrganisationFactory()
    person = person_with_role(Role.TEACHER, organisation=school)
    RoleAssignmentFactory(user=person, role=Role.LEAD, organisation=school)
    RoleAssignmentFactory(user=person, role=Role.METHODIST, municipality=MunicipalityFactory())

    roles = set(RoleAssignment.objects.active().filter(user=person).values_list("role", flat=True))
    assert roles == {Role.TEACHER, Role.LEAD, Role.METHODIST}
    assert may(person, "view", UserFactory(organisation=school))  # as school methodical lead
    assert not may(person, "view", UserFactory(organisation=other_school))


def test_a_role_counts_only_within_its_validity_dates():
    school = OrganisationFactory()
    colleague = UserFactory(organisation=school)
    today = timezone.localdate()
    expired = UserFactory(organisation=school)
    RoleAssignmentFactory(user=expired, role=Role.DIRECTOR, organisation=school,
                          valid_from=today - timedelta(days=400), valid_until=today - timedelta(days=1))
    future = UserFactory(organisation=school)
    RoleAssignmentFactory(user=future, role=Role.DIRECTOR, organisation=school, valid_from=today + timedelta(days=1))
    current = UserFactory(organisation=school)
    RoleAssignmentFactory(user=current, role=Role.DIRECTOR, organisation=school,
                          valid_from=today - timedelta(days=10), valid_until=today)

    assert not may(expired, "view", colleague)
    assert not may(future, "view", colleague)
    assert may(current, "view", colleague)
    assert RoleAssignment.objects.active(on=today + timedelta(days=1)).filter(user=future).exists()


def test_a_deactivated_account_holds_no_role():
    school = OrganisationFactory()
    director = person_with_role(Role.DIRECTOR, organisation=school)
    director.is_active = False
    director.save()

    assert not may(director, "view", UserFactory(organisation=school))


def test_a_role_is_refused_in_a_scope_it_does_not_take():
    assignment = RoleAssignment(user=UserFactory(), role=Role.DIRECTOR, municipality=MunicipalityFactory())

    with pytest.raises(ValidationError, match="назначается в области: организация"):
        assignment.full_clean()


def test_an_assignment_cannot_have_two_scopes():
    organisation = OrganisationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            user=UserFactory(), role=Role.MENTOR, organisation=organisation, municipality=organisation.municipality
        )


def test_an_assignment_cannot_end_before_it_starts():
    assignment = RoleAssignment(user=UserFactory(), role=Role.TEACHER, organisation=OrganisationFactory(),
                                valid_from=date(2026, 9, 1), valid_until=date(2026, 8, 31))

    with pytest.raises(ValidationError, match="раньше даты начала"):
        assignment.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        assignment.save()


def test_an_administrator_may_do_anything_and_nobody_else_may_change_people():
    school = OrganisationFactory()
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.ADMIN)
    director = person_with_role(Role.DIRECTOR, organisation=school)
    teacher = UserFactory(organisation=school)

    assert may(admin, "change", teacher)
    assert not may(director, "change", teacher)
