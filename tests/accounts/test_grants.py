from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user, get_perms

from accounts.grants import sync_role_grants, synced_at_the_end
from accounts.models import Organisation, Role
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_role_in_scope_becomes_a_guardian_grant_on_the_scope_object():
    school, other = OrganisationFactory(), OrganisationFactory()
    lead = UserFactory(organisation=school)
    RoleAssignmentFactory(user=lead, role=Role.LEAD, organisation=school)
    RoleAssignmentFactory(user=lead, role=Role.METHODIST, municipality=school.municipality)

    assert get_perms(lead, school) == ["act_as_lead_in_organisation"]
    assert get_perms(lead, other) == []
    assert get_perms(lead, school.municipality) == ["act_as_methodist_in_municipality"]
    assert list(get_objects_for_user(lead, "accounts.act_as_lead_in_organisation", Organisation)) == [school]


def test_a_bulk_change_syncs_each_person_once_when_it_ends(monkeypatch):
    from accounts import grants

    school = OrganisationFactory()
    lead = UserFactory(organisation=school)
    synced = []
    grants.grants_changed.connect(receiver := lambda sender, users, **kwargs: synced.append(users), weak=False)
    monkeypatch.setattr(grants, "_sync_assignment_grants", None)  # the bulk path, never the one-person one

    try:
        with synced_at_the_end():
            RoleAssignmentFactory(user=lead, role=Role.LEAD, organisation=school)
            RoleAssignmentFactory(user=lead, role=Role.METHODIST, municipality=school.municipality)
            assert get_perms(lead, school) == []  # not yet: at the end of the block
    finally:
        grants.grants_changed.disconnect(receiver)

    assert get_perms(lead, school) == ["act_as_lead_in_organisation"]
    assert get_perms(lead, school.municipality) == ["act_as_methodist_in_municipality"]
    assert synced == [[lead.pk]]  # one sync, for both assignments


def test_a_bulk_change_syncs_many_people_in_queries_that_do_not_grow_with_them(django_assert_max_num_queries):
    school = OrganisationFactory()
    people = [UserFactory(organisation=school) for _ in range(12)]

    block = synced_at_the_end()
    block.__enter__()
    for person in people:
        RoleAssignmentFactory(user=person, role=Role.TEACHER, organisation=school)
    with django_assert_max_num_queries(12 + 10):  # the grants' insert and queue a person, and a few for everyone
        block.__exit__(None, None, None)

    assert all(get_perms(person, school) == ["act_as_teacher_in_organisation"] for person in people)


def test_a_bulk_change_that_fails_syncs_nobody():
    school = OrganisationFactory()
    lead = UserFactory(organisation=school)

    with pytest.raises(RuntimeError), synced_at_the_end():
        RoleAssignmentFactory(user=lead, role=Role.LEAD, organisation=school)
        raise RuntimeError("the import stopped")

    assert get_perms(lead, school) == []
    sync_role_grants(lead)  # outside a block, at once again
    assert get_perms(lead, school) == ["act_as_lead_in_organisation"]


def test_removing_an_assignment_withdraws_the_grant():
    school = OrganisationFactory()
    assignment = RoleAssignmentFactory(role=Role.DIRECTOR, organisation=school)
    user = assignment.user

    assignment.delete()

    assert get_perms(user, school) == []


def test_grants_follow_validity_dates_when_rebuilt_daily():
    school = OrganisationFactory()
    today = timezone.localdate()
    assignment = RoleAssignmentFactory(role=Role.DIRECTOR, organisation=school, valid_until=today)
    future = RoleAssignmentFactory(role=Role.LEAD, organisation=school, valid_from=today + timedelta(days=1))
    assert get_perms(assignment.user, school) == ["act_as_director_in_organisation"]
    assert get_perms(future.user, school) == []

    sync_role_grants(assignment.user, on=today + timedelta(days=1))
    sync_role_grants(future.user, on=today + timedelta(days=1))

    assert get_perms(assignment.user, school) == []
    assert get_perms(future.user, school) == ["act_as_lead_in_organisation"]


def test_a_deactivated_account_loses_every_grant():
    assignment = RoleAssignmentFactory(role=Role.DIRECTOR, organisation=OrganisationFactory())
    user = assignment.user

    user.is_active = False
    user.save()

    assert get_perms(user, assignment.organisation) == []


def test_the_daily_command_rebuilds_everyone(capsys):
    RoleAssignmentFactory(role=Role.DIRECTOR, organisation=OrganisationFactory())

    call_command("sync_role_grants")

    assert "1" in capsys.readouterr().out
