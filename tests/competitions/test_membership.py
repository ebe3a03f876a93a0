"""Jury and organising committee: memberships of one competition, mirrored into guardian grants."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user, get_perms

from accounts.grants import sync_role_grants
from accounts.models import Role
from accounts.permissions import may, visible
from competitions.models import Competition, CompetitionMember, MemberRole
from tests.factories import (CompetitionFactory, CompetitionMemberFactory, MunicipalityFactory, OrganisationFactory,
                             RoleAssignmentFactory, UserFactory, person_with_role)

pytestmark = pytest.mark.django_db


def test_a_jury_member_sees_their_competition_and_not_another():
    competition, other = CompetitionFactory(), CompetitionFactory()
    member = CompetitionMemberFactory(competition=competition, role=MemberRole.JURY).person

    assert may(member, "view", competition)
    assert not may(member, "view", other)
    assert list(visible(member, "view", Competition.objects.all())) == [competition]
    assert not may(member, "change", competition)


def test_a_person_holds_roles_and_sits_on_a_jury_at_once():
    school, other_school = OrganisationFactory(), OrganisationFactory()
    competition = CompetitionFactory(municipality=other_school.municipality)
    person = person_with_role(Role.TEACHER, organisation=school)
    RoleAssignmentFactory(user=person, role=Role.LEAD, organisation=school)
    CompetitionMemberFactory(person=person, competition=competition, role=MemberRole.JURY)

    assert may(person, "view", UserFactory(organisation=school))  # as school methodical lead
    assert may(person, "view", competition)  # as a jury member of that competition
    assert not may(person, "view", UserFactory(organisation=other_school))


def test_membership_becomes_a_task_queue_grant_on_the_competition():
    school = OrganisationFactory()
    lead = UserFactory(organisation=school)
    RoleAssignmentFactory(user=lead, role=Role.LEAD, organisation=school)
    competition = CompetitionFactory()
    CompetitionMemberFactory(person=lead, competition=competition, role=MemberRole.JURY)

    assert get_perms(lead, school) == ["act_as_lead_in_organisation"]
    assert sorted(get_perms(lead, competition)) == ["act_as_jury_in_competition", "view_competition"]
    assert list(get_objects_for_user(lead, "competitions.act_as_jury_in_competition", Competition)) == [competition]


def test_a_committee_member_holds_the_committee_grant_only():
    membership = CompetitionMemberFactory(role=MemberRole.COMMITTEE)

    assert sorted(get_perms(membership.person, membership.competition)) == [
        "act_as_committee_in_competition", "view_competition"]


def test_the_grant_appears_and_disappears_with_validity_dates():
    competition = CompetitionFactory()
    today = timezone.localdate()
    ending = CompetitionMemberFactory(competition=competition, valid_until=today)
    starting = CompetitionMemberFactory(competition=competition, valid_from=today + timedelta(days=1))
    assert "act_as_jury_in_competition" in get_perms(ending.person, competition)
    assert get_perms(starting.person, competition) == []
    assert not may(starting.person, "view", competition)

    sync_role_grants(ending.person, on=today + timedelta(days=1))
    sync_role_grants(starting.person, on=today + timedelta(days=1))

    assert get_perms(ending.person, competition) == []
    assert sorted(get_perms(starting.person, competition)) == ["act_as_jury_in_competition", "view_competition"]


def test_role_grants_rebuilt_leave_membership_grants_alone():
    membership = CompetitionMemberFactory()
    RoleAssignmentFactory(user=membership.person, role=Role.DIRECTOR, organisation=OrganisationFactory())

    sync_role_grants(membership.person)

    assert "act_as_jury_in_competition" in get_perms(membership.person, membership.competition)


def test_leaving_the_jury_or_the_account_withdraws_the_grant():
    membership, deactivated = CompetitionMemberFactory(), CompetitionMemberFactory()
    person = membership.person

    membership.delete()
    deactivated.person.is_active = False
    deactivated.person.save()

    assert get_perms(person, membership.competition) == []
    assert get_perms(deactivated.person, deactivated.competition) == []


def test_the_daily_command_rebuilds_members_too(capsys):
    membership = CompetitionMemberFactory()
    CompetitionMember.objects.filter(pk=membership.pk).update(valid_until=timezone.localdate() - timedelta(days=1),
                                                              valid_from=timezone.localdate() - timedelta(days=9))

    call_command("sync_role_grants")

    assert "1" in capsys.readouterr().out
    assert get_perms(membership.person, membership.competition) == []


def test_the_municipality_methodist_officer_and_auditor_see_the_competition_auditors_only_read():
    municipality = MunicipalityFactory()
    competition, elsewhere = CompetitionFactory(municipality=municipality), CompetitionFactory()
    for role in (Role.METHODIST, Role.OFFICER, Role.AUDITOR):
        holder = person_with_role(role, municipality=municipality)
        assert may(holder, "view", competition), role
        assert not may(holder, "view", elsewhere), role
    auditor = person_with_role(Role.AUDITOR, municipality=municipality)
    assert not may(auditor, "change", competition)
    assert not may(auditor, "delete", competition)


def test_a_membership_period_ends_after_it_begins():
    today = timezone.localdate()
    membership = CompetitionMemberFactory.build(competition=CompetitionFactory(), person=UserFactory(),
                                                valid_from=today, valid_until=today - timedelta(days=1))
    with pytest.raises(ValidationError):
        membership.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()
