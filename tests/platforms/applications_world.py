"""A municipality's call for site projects and applications brought to each step: the director of one school
applies, the methodical centre checks, two experts of other schools score, the council records its protocol
and the department grants by order."""
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts.models import Role, User
from platforms import applications_council as council
from platforms import services
from platforms.calls import call_criteria, save_call
from platforms.models import Call, CouncilProtocol, ProjectStage, SiteApplication, SiteKind
from tests.expertise import Expertise
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.school import School, person


@dataclass
class SitesWorld:
    school: School
    expertise: Expertise
    call: Call

    @property
    def director(self) -> User:
        return self.school.director

    @property
    def methodist(self) -> User:
        return self.school.methodist

    @property
    def officer(self) -> User:
        return self.school.officer

    @property
    def experts(self) -> list[User]:
        return self.expertise.experts


def announce(officer: User, municipality, *, deadline_in: int = 30, kinds=(SiteKind.INNOVATION, SiteKind.BASE),
             title: str = "Инновационный поиск") -> Call:
    call = Call(municipality=municipality, title=title, kinds=list(kinds), description="Конкурс инновационных проектов",
                opens_on=timezone.localdate() - timedelta(days=1),
                deadline=timezone.now() + timedelta(days=deadline_in))
    return save_call(call, officer)


@pytest.fixture
def sites(school, expertise) -> SitesWorld:
    return SitesWorld(school=school, expertise=expertise,
                      call=announce(school.officer, school.organisation.municipality))


def stages(first: date = date(2026, 9, 1)) -> list[ProjectStage]:
    return [ProjectStage(title="Подготовительный этап", starts_on=first, ends_on=first + timedelta(days=120),
                         results="Нормативная база проекта"),
            ProjectStage(title="Практический этап", starts_on=first + timedelta(days=121),
                         ends_on=first + timedelta(days=600), results="Апробация модели")]


def draft(world: SitesWorld, **fields) -> SiteApplication:
    values = dict(call=world.call, kind=SiteKind.INNOVATION, topic="Школа функциональной грамотности",
                  relevance="Низкие результаты PISA-подобных заданий", goals="Модель формирования грамотности",
                  tasks="Разработать и апробировать модель", expected_results="Рост результатов на 15 %",
                  resources="Кадры, оборудование, партнёрство с вузом", term_years=2, partners="КГПУ им. Астафьева")
    values.update(fields)
    application = SiteApplication(**values)
    return services.save_application(application, world.director, team=[world.school.teacher], stages=stages())


def submitted(world: SitesWorld) -> SiteApplication:
    return services.submit(draft(world), world.director)


def in_expertise(world: SitesWorld) -> SiteApplication:
    application = submitted(world)
    services.check(application, world.methodist, "approve")
    services.assign_experts(application, world.methodist, world.experts[:2])
    application.refresh_from_db()
    return application


def score(application: SiteApplication, expert: User, value: int = 8):
    scores = {criterion.pk: value for criterion in call_criteria(application.call)}
    return services.submit_review(application, expert, scores, f"Проект оценён на {value}", "publish")


def at_protocol(world: SitesWorld) -> SiteApplication:
    application = in_expertise(world)
    score(application, world.experts[0])
    score(application, world.experts[1])
    application.refresh_from_db()
    return application


def protocol(world: SitesWorld, application: SiteApplication, recommendation=CouncilProtocol.Recommendation.GRANT,
             text: str = "", votes=(2, 0, 1)) -> CouncilProtocol:
    return council.record_protocol(
        application, world.methodist, number="3", date=timezone.localdate(),
        members_present=[*world.experts[:2], world.methodist], votes_for=votes[0], votes_against=votes[1],
        votes_abstained=votes[2], recommendation=recommendation, text=text)


def at_order(world: SitesWorld) -> SiteApplication:
    application = at_protocol(world)
    protocol(world, application)
    application.refresh_from_db()
    return application


def other_municipality_staff() -> dict[str, User]:
    """A methodist, an officer, an auditor and a director of another municipality."""
    municipality = MunicipalityFactory()
    organisation = OrganisationFactory(municipality=municipality)
    return {role: person(f"{role}.elsewhere", role, organisation,
                         **({} if role == Role.DIRECTOR else {"municipality": municipality}))
            for role in (Role.METHODIST, Role.OFFICER, Role.AUDITOR, Role.DIRECTOR)}
