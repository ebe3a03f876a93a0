"""A municipality's expertise of materials: an author with a co-author, the methodist, four experts
elsewhere and one in the author's school; and materials brought to each stage."""
from dataclasses import dataclass

import pytest

from accounts.models import Organisation, Role, User
from tests.factories import OrganisationFactory
from tests.files import pdf
from tests.school import person
from materials import services
from scoring.services import criteria
from materials.models import Material


@dataclass
class Expertise:
    author: User
    co_author: User
    methodist: User
    experts: list[User]
    colleague_expert: User  # works in the author's school
    organisation: Organisation


@pytest.fixture
def expertise(school) -> Expertise:
    municipality = school.organisation.municipality
    elsewhere = [OrganisationFactory(municipality=municipality) for _ in range(4)]
    experts = [person(f"expert.{n}", Role.EXPERT, elsewhere[n], municipality=municipality) for n in range(4)]
    for expert in experts:
        expert.subject = "математика"
        expert.save()
    return Expertise(
        author=school.teacher, co_author=school.other_teacher, methodist=school.methodist, experts=experts,
        colleague_expert=person("expert.colleague", Role.EXPERT, school.organisation, municipality=municipality),
        organisation=school.organisation,
    )




def submitted(expertise: Expertise) -> Material:
    material = Material(title="Проектная деятельность на уроках математики", kind="development",
                        subject="математика", level="basic", annotation="Серия уроков", keywords="проект")
    services.save_material(material, expertise.author, [pdf()], co_authors=[expertise.co_author])
    return services.submit(material, expertise.author)


def in_expertise(expertise: Expertise, experts: list[User] | None = None) -> Material:
    material = submitted(expertise)
    services.check(material, expertise.methodist, "approve")
    services.assign_experts(material, expertise.methodist, experts or expertise.experts[:2])
    material.refresh_from_db()
    return material


def review(material: Material, expert: User, score: int, recommendation: str = "publish"):
    scores = {criterion.pk: score for criterion in criteria(material.municipality)}
    return services.submit_review(material, expert, scores, f"Рецензия: {score} баллов по каждому критерию",
                                  recommendation)


def published(expertise: Expertise, title: str, annotation: str) -> Material:
    material = Material(title=title, kind="development", subject="математика", level="basic", annotation=annotation)
    services.save_material(material, expertise.author, [pdf()])
    material = services.submit(material, expertise.author)
    services.check(material, expertise.methodist, "approve")
    services.assign_experts(material, expertise.methodist, expertise.experts[:2])
    review(material, expertise.experts[0], 8)
    review(material, expertise.experts[1], 8)
    services.final_decision(material, expertise.methodist, "approve")
    return material
