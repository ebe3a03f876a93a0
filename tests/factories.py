"""Test data builders, one place for every app."""
from datetime import date

import factory
from factory.django import DjangoModelFactory

from accounts.models import Association, Municipality, Organisation, Region, Role, RoleAssignment, User
from competitions.models import Competition, CompetitionMember, MemberRole


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Область {n}")


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Город {n}")
    slug = factory.Sequence(lambda n: f"city{n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Средняя общеобразовательная школа № {n}")
    short_name = factory.Sequence(lambda n: f"СОШ № {n}")
    kind = Organisation.Kind.SCHOOL


class AssociationFactory(DjangoModelFactory):
    class Meta:
        model = Association

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"ММО учителей математики {n}")
    level = Association.Level.MUNICIPAL
    direction = "математика"


class CompetitionFactory(DjangoModelFactory):
    class Meta:
        model = Competition

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Учитель года {n}")
    year = 2026


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = "Иванова"
    first_name = "Мария"
    patronymic = "Петровна"
    organisation = factory.SubFactory(OrganisationFactory)
    birth_date = date(1985, 5, 20)
    tenure_start = date(2010, 9, 1)
    password = factory.django.Password("secret-password")


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.TEACHER
    valid_from = date(2020, 1, 1)


class CompetitionMemberFactory(DjangoModelFactory):
    class Meta:
        model = CompetitionMember

    competition = factory.SubFactory(CompetitionFactory)
    person = factory.SubFactory(UserFactory)
    role = MemberRole.JURY
    valid_from = date(2020, 1, 1)


def person_with_role(role: Role, **scope) -> User:
    """A person holding `role` in the given scope (organisation=…, municipality=…, …)."""
    organisation = scope.get("organisation") or OrganisationFactory(
        municipality=scope.get("municipality") or MunicipalityFactory()
    )
    user = UserFactory(organisation=organisation)
    RoleAssignmentFactory(user=user, role=role, **scope)
    return user


from routes.models import CompetenceArea, Deficit, Diagnostics, Provider, Severity  # noqa: E402


class DiagnosticsFactory(DjangoModelFactory):
    class Meta:
        model = Diagnostics

    teacher = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(lambda diagnostics: diagnostics.teacher.organisation)
    entered_by = factory.LazyAttribute(lambda diagnostics: diagnostics.teacher)
    date = date(2025, 10, 15)
    provider = Provider.CNPPM
    competence_areas = factory.LazyFunction(lambda: [CompetenceArea.SUBJECT.value, CompetenceArea.METHODICAL.value])


class DeficitFactory(DjangoModelFactory):
    class Meta:
        model = Deficit

    diagnostics = factory.SubFactory(DiagnosticsFactory)
    area = CompetenceArea.SUBJECT
    title = factory.Sequence(lambda n: f"Формирование функциональной грамотности {n}")
    severity = Severity.MEDIUM
