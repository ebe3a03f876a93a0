import io

import pytest
from pypdf import PdfReader
from django.urls import reverse

from accounts.models import Role
from materials.models import Material
from tests.factories import MunicipalityFactory, OrganisationFactory
from tests.school import person
from tests.expertise import in_expertise, published, review, submitted

pytestmark = pytest.mark.django_db
Status = Material.Status


def action(client, material, name, data):
    return client.post(reverse("materials:action", args=[material.pk, name]), data)


@pytest.mark.parametrize(("who", "sees"), [
    ("author", True), ("other_teacher", False), ("methodist", True), ("lead", True), ("director", True),
    ("officer", True), ("auditor", True), ("other_director", False), ("assigned_expert", True),
    ("unassigned_expert", False), ("outside_methodist", False),
])
def test_who_sees_a_material_under_expertise(client, school, expertise, who, sees):
    material = in_expertise(expertise)
    people = {
        "author": expertise.author, "assigned_expert": expertise.experts[0],
        "unassigned_expert": expertise.experts[3],
        "outside_methodist": person("methodist.x", Role.METHODIST, OrganisationFactory(),
                                    municipality=MunicipalityFactory()),
    }
    client.force_login(people.get(who) or getattr(school, who))

    response = client.get(material.get_absolute_url())
    listed = client.get(reverse("materials:index")).content.decode()

    assert response.status_code == (200 if sees else 404)
    assert (material.number in listed) is sees


def test_the_methodist_checks_and_assigns_experts_on_the_page(client, expertise):
    material = submitted(expertise)
    client.force_login(expertise.methodist)

    action(client, material, "check", {"decision": "approve", "comment": ""})
    page = client.get(material.get_absolute_url()).content.decode()
    assert 'data-testid="assign-experts"' in page
    conflict = action(client, material, "assign_experts", {"experts": [expertise.colleague_expert.pk,
                                                                         expertise.experts[0].pk]})
    assert "Конфликт интересов" in conflict.content.decode()
    action(client, material, "assign_experts", {"experts": [expertise.experts[0].pk, expertise.experts[1].pk]})

    material.refresh_from_db()
    assert material.status == Status.EXPERTISE
    assert set(material.assignments.values_list("expert__username", flat=True)) == {"expert.0", "expert.1"}


def test_an_expert_reviews_on_the_page_and_a_score_above_the_maximum_is_refused(client, expertise):
    material = in_expertise(expertise)
    client.force_login(expertise.experts[0])
    from scoring.services import criteria

    fields = {f"score_{criterion.pk}": 5 for criterion in criteria(material.municipality)}
    first = next(iter(fields))
    refused = action(client, material, "review", {**fields, first: 15, "text": "Подробная рецензия",
                                                   "recommendation": "publish"}).content.decode()
    assert "от 0 до 10" in refused and "Подробная рецензия" in refused
    action(client, material, "review", {**fields, "text": "Подробная рецензия", "recommendation": "publish"})

    assert material.assignments.get(expert=expertise.experts[0]).status == "reviewed"


def test_the_author_never_sees_an_experts_name_on_the_page_or_in_the_certificate(client, expertise):
    material = in_expertise(expertise)
    review(material, expertise.experts[0], 8)
    review(material, expertise.experts[1], 6)
    client.force_login(expertise.author)

    page = client.get(material.get_absolute_url()).content.decode()
    certificate = client.get(reverse("materials:certificate", args=[material.pk]))

    assert "Эксперт 1" in page
    for expert in expertise.experts[:2]:
        assert expert.username not in page and expert.get_full_name() not in page
    assert certificate["Content-Type"] == "application/pdf"
    text = "".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(certificate.content)).pages)
    assert "Эксперт 1" in text
    assert not any(expert.last_name in text for expert in expertise.experts[:2])


def test_the_bank_needs_no_login(client, expertise):
    published(expertise, "Игровые технологии на уроках", "Дидактические игры")

    assert client.get("/bank/").status_code == 200
    assert "Игровые технологии на уроках" in client.get("/bank/").content.decode()
