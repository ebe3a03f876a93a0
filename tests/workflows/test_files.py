"""Attached files: served only through the download view, to whoever may see their case (the same 404
for "not there" and "not yours"), public for published practices, stored under random names, and
accepted only when their content is what their name says."""
import re
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role, User
from routes import services as route_services
from routes.models import IndividualRoute, RouteActivity
from tests.api import token_client
from tests.expertise import in_expertise, published
from competitions.models import MemberRole
from tests.factories import (CompetitionFactory, CompetitionMemberFactory, MunicipalityFactory, OrganisationFactory,
                             UserFactory)
from tests.files import HTML, docx_bytes, odt_bytes, pdf_bytes, pptx_bytes, upload, xlsx_bytes, zip_bytes
from tests.school import draft_route, person
from tests.api.problems import errors_of
from materials import services as material_services
from workflows.files import download_url
from workflows.models import CaseFile
from materials.models import Material, MaterialFile
from workflows.uploads import validate_upload

pytestmark = pytest.mark.django_db

MATERIAL_BYTES = pdf_bytes(300)
REMARKS_BYTES = pdf_bytes(400)
EVIDENCE_BYTES = pdf_bytes(500)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class Files:
    material: Material
    material_file: MaterialFile
    route: IndividualRoute
    case_file: CaseFile
    activity: RouteActivity

    def urls(self) -> list[str]:
        return [download_url(self.material_file), download_url(self.case_file), download_url(self.activity)]


@pytest.fixture
def files(school, expertise) -> Files:
    """A material in expertise with its file, and a route in implementation with a reviewer's file on its
    timeline and an activity recorded with evidence; all in the school's municipality."""
    material = Material(title="Проектная деятельность", kind="development", subject="математика", level="basic",
                        annotation="Серия уроков")
    material_services.save_material(material, expertise.author, [upload("разработка.pdf", MATERIAL_BYTES)])
    material_services.submit(material, expertise.author)
    material_services.check(material, expertise.methodist, "approve")
    material_services.assign_experts(material, expertise.methodist, expertise.experts[:2])
    route = route_services.submit(draft_route(school.teacher, mentor=school.mentor), school.teacher)
    route_services.review(route, school.mentor, "approve")
    route_services.review(route, school.lead, "approve", "Замечания в файле",
                          files=[upload("замечания.pdf", REMARKS_BYTES)])
    route_services.review(route, school.director, "approve")
    route.refresh_from_db()
    activity = route.activities.first()
    route_services.record_activity_done(activity, school.teacher, upload("удостоверение.pdf", EVIDENCE_BYTES))
    activity.refresh_from_db()
    return Files(material, material.files.get(), route, CaseFile.objects.get(event__process_id=route.process_id),
                 activity)


def content(response) -> bytes:
    return b"".join(response.streaming_content)


def signed_in(client, user: User):
    client.force_login(user)
    return client


# Every demo role, held in another municipality: (role, scope of the assignment).
OTHER_MUNICIPALITY_ROLES = [
    (Role.TEACHER, "organisation"), (Role.MENTOR, "organisation"), (Role.TUTOR, "municipality"),
    (Role.LEAD, "organisation"), (Role.DIRECTOR, "organisation"), (Role.METHODIST, "municipality"),
    (Role.EXPERT, "municipality"), (MemberRole.JURY, "competition"), (MemberRole.COMMITTEE, "competition"),
    (Role.OFFICER, "municipality"), (Role.AUDITOR, "municipality"),
]


@pytest.mark.parametrize(("role", "scope"), OTHER_MUNICIPALITY_ROLES, ids=[role for role, _ in OTHER_MUNICIPALITY_ROLES])
def test_no_role_of_another_municipality_downloads_a_file_of_a_case(client, files, role, scope):
    municipality = MunicipalityFactory()
    organisation = OrganisationFactory(municipality=municipality)
    if scope == "competition":  # a jury or committee member of that municipality's competition
        outsider = UserFactory(username=f"{role}.elsewhere", organisation=organisation)
        CompetitionMemberFactory(person=outsider, role=role, competition=CompetitionFactory(municipality=municipality))
    else:
        where = {"organisation": organisation, "municipality": municipality}[scope]
        outsider = person(f"{role}.elsewhere", role, organisation, **({} if scope == "organisation" else {scope: where}))

    answers = [signed_in(client, outsider).get(url).status_code for url in files.urls()]

    assert answers == [404, 404, 404]


@pytest.mark.parametrize("who", ["teacher", "mentor", "lead", "director", "methodist", "officer", "auditor"])
def test_whoever_sees_the_route_downloads_its_evidence_and_timeline_files(client, school, files, who):
    client = signed_in(client, getattr(school, who))

    evidence = client.get(download_url(files.activity))
    remarks = client.get(download_url(files.case_file))

    assert (evidence.status_code, content(evidence)) == (200, EVIDENCE_BYTES)
    assert (remarks.status_code, content(remarks)) == (200, REMARKS_BYTES)


@pytest.mark.parametrize("who", ["author", "methodist", "assigned expert", "lead", "director", "officer", "auditor"])
def test_whoever_sees_the_material_downloads_its_file(client, school, expertise, files, who):
    user = {"author": expertise.author, "methodist": expertise.methodist, "assigned expert": expertise.experts[0],
            "lead": school.lead, "director": school.director, "officer": school.officer,
            "auditor": school.auditor}[who]

    response = signed_in(client, user).get(download_url(files.material_file))

    assert (response.status_code, content(response)) == (200, MATERIAL_BYTES)


@pytest.mark.parametrize("who", ["other school's lead", "other school's director", "unassigned expert"])
def test_people_of_the_municipality_outside_the_case_get_404_for_its_files(client, school, expertise, files, who):
    user = {"other school's lead": school.other_lead, "other school's director": school.other_director,
            "unassigned expert": expertise.experts[3]}[who]

    answers = [signed_in(client, user).get(url).status_code for url in files.urls()]

    assert answers == [404, 404, 404]


def test_a_hidden_file_and_a_missing_one_answer_the_same_404(client, school, files):
    client = signed_in(client, school.other_lead)

    hidden = client.get(download_url(files.activity))
    missing = [client.get(url) for url in ("/files/evidence/999999/", "/files/nothing/1/",
                                           "/files/case/99999999999999999999/")]

    assert [response.status_code for response in missing] == [404, 404, 404]
    assert hidden.status_code == 404
    assert {response.content for response in missing} == {hidden.content}
    assert "Такой страницы нет" in hidden.content.decode()


def test_the_file_view_says_in_russian_that_the_file_is_not_found(rf, school, files):
    from django.http import Http404

    from workflows.files import download

    request = rf.get(download_url(files.activity))
    request.user = school.other_lead

    with pytest.raises(Http404, match="Файл не найден"):
        download(request, "evidence", files.activity.pk)


@pytest.mark.parametrize("kind", ["material", "case", "evidence", "nothing"])
def test_anonymous_is_sent_to_sign_in_for_a_case_file_whatever_the_id(client, files, kind):
    known = {"material": files.material_file.pk, "case": files.case_file.pk, "evidence": files.activity.pk}
    url = reverse("download", args=[kind, known.get(kind, 1)])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_files_of_a_published_practice_are_public(client, expertise):
    practice = published(expertise, "Проектная деятельность", "Серия уроков")

    response = client.get(download_url(practice.files.get()))

    assert response.status_code == 200
    assert content(response).startswith(b"%PDF-")


def test_the_old_media_url_of_a_file_answers_404(client, school, files):
    response = signed_in(client, school.methodist).get(f"/media/{files.activity.evidence.name}")

    assert response.status_code == 404


def test_a_download_is_an_attachment_with_its_original_name_never_sniffed(client, school, files):
    response = signed_in(client, school.teacher).get(download_url(files.case_file))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('замечания.pdf')}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


def test_nginx_sends_the_file_when_x_accel_redirect_is_configured(client, settings, school, files):
    settings.FILE_SERVING, settings.FILE_SERVING_PREFIX = "x-accel-redirect", "/protected-media/"

    response = signed_in(client, school.teacher).get(download_url(files.activity))

    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/protected-media/" + quote(files.activity.evidence.name)
    assert response["Content-Disposition"].startswith("attachment;")


def test_apache_sends_the_file_when_x_sendfile_is_configured(client, settings, school, files):
    settings.FILE_SERVING = "x-sendfile"

    response = signed_in(client, school.teacher).get(download_url(files.activity))

    assert response.status_code == 200 and response.content == b""
    assert response["X-Sendfile"] == quote(files.activity.evidence.path)


def test_files_are_stored_under_random_names_that_name_neither_case_nor_id(files):
    assert re.fullmatch(r"materials/[0-9a-f]{32}\.pdf", files.material_file.file.name)
    assert re.fullmatch(r"cases/[0-9a-f]{32}\.pdf", files.case_file.file.name)
    assert re.fullmatch(r"evidence/[0-9a-f]{32}/удостоверение\.pdf", files.activity.evidence.name)
    assert files.material_file.name == "разработка.pdf" and files.case_file.name == "замечания.pdf"


def test_the_case_pages_link_files_through_the_download_view(client, school, expertise, files):
    route_page = signed_in(client, school.teacher).get(files.route.get_absolute_url()).content.decode()
    material_page = signed_in(client, expertise.author).get(files.material.get_absolute_url()).content.decode()

    assert download_url(files.activity) in route_page and download_url(files.case_file) in route_page
    assert download_url(files.material_file) in material_page
    assert "/media/" not in route_page + material_page


def test_the_bank_page_links_files_through_the_banks_own_download(client, expertise):
    practice = published(expertise, "Проектная деятельность", "Серия уроков")

    page = client.get(reverse("practice", args=[practice.pk])).content.decode()

    assert reverse("practice-file", args=[practice.pk, practice.files.get().pk]) in page
    assert "/media/" not in page


def test_the_api_links_files_through_the_download_view(school, expertise, files):
    teacher = token_client(school.teacher)

    activity = next(row for row in teacher.get(f"/api/routes/{files.route.pk}/").data["activities"]
                    if row["id"] == files.activity.pk)
    timeline = teacher.get(f"/api/routes/{files.route.pk}/timeline/").data
    material = token_client(expertise.author).get(f"/api/materials/{files.material.pk}/").data

    assert activity["evidence"] == "http://testserver" + download_url(files.activity)
    assert [file["url"] for event in timeline for file in event["files"]] == [
        "http://testserver" + download_url(files.case_file)]
    assert [file["url"] for file in material["files"]] == ["http://testserver" + download_url(files.material_file)]


# Uploads judged by content


@pytest.mark.parametrize("name", ["fake.pdf", "evil.html.pdf"])
def test_a_renamed_web_page_is_refused_as_a_pdf_by_the_service(expertise, name):
    material = Material(title="Материал", kind="didactic", subject="физика", level="basic", annotation="А")

    with pytest.raises(ValidationError) as refused:
        material_services.save_material(material, expertise.author, [upload(name, HTML)])

    assert "не является документом PDF" in refused.value.messages[0] or "скрывает" in refused.value.messages[0]
    assert not Material.objects.exists()


def test_a_web_page_named_as_a_pdf_is_refused_with_a_message_about_its_content():
    with pytest.raises(ValidationError, match="Содержимое файла не является документом PDF"):
        validate_upload(upload("fake.pdf", HTML))


def test_a_double_extension_hiding_a_web_page_is_refused_even_with_pdf_content():
    with pytest.raises(ValidationError, match="скрывает файл типа .html"):
        validate_upload(upload("evil.html.pdf", pdf_bytes()))


def test_a_renamed_web_page_is_refused_as_evidence_on_the_route_page(client, school, make_route):
    route = route_services.submit(make_route(school.teacher), school.teacher)
    route_services.review(route, school.lead, "approve")
    route_services.review(route, school.director, "approve")
    activity = route.activities.first()

    page = signed_in(client, school.teacher).post(
        reverse("routes:route_action", args=[route.pk, "record_activity"]),
        {"activity": activity.pk, "evidence": upload("fake.pdf", HTML), "comment": ""}).content.decode()

    assert "Содержимое файла не является документом PDF" in page
    activity.refresh_from_db()
    assert not activity.is_done


def test_a_renamed_web_page_is_refused_by_the_api(expertise):
    body = {"title": "Материал", "kind": "development", "subject": "математика", "level": "basic",
            "annotation": "Серия уроков", "files": [upload("fake.pdf", HTML)]}

    response = token_client(expertise.author).post("/api/materials/", body, format="multipart")

    assert response.status_code == 400
    assert any(field.startswith("files") and "Содержимое файла не является документом PDF" in " ".join(messages)
               for field, messages in errors_of(response).items())
    assert not Material.objects.exists()


VALID = [
    ("урок.pdf", pdf_bytes()), ("урок.docx", docx_bytes()), ("урок.pptx", pptx_bytes()), ("урок.xlsx", xlsx_bytes()),
    ("урок.odt", odt_bytes()), ("урок.zip", zip_bytes()), ("урок.txt", "План урока\n".encode()),
    ("урок.rtf", b"{\\rtf1\\ansi \\u1055? }"), ("урок.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
    ("фото.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20), ("фото.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20),
]


@pytest.mark.parametrize(("name", "data"), VALID, ids=[name for name, _ in VALID])
def test_a_file_whose_content_matches_its_name_is_accepted_and_rewound(name, data):
    uploaded = upload(name, data)

    validate_upload(uploaded)

    assert uploaded.tell() == 0


WRONG = [
    ("plain.docx", zip_bytes(), "Word"), ("slides.pptx", docx_bytes(), "PowerPoint"), ("table.xlsx", b"a;b\n", "Excel"),
    ("archive.zip", b"PK\x03\x04broken", "ZIP"), ("notes.txt", HTML, "UTF-8"), ("notes.txt", b" <p onclick=x>", "UTF-8"),
    ("notes.txt", b"\xff\xfe\0a", "UTF-8"), ("notes.txt", "План".encode("cp1251"), "UTF-8"),
    ("photo.png", HTML, "PNG"), ("old.doc", docx_bytes(), "97"),
]


@pytest.mark.parametrize(("name", "data", "kind"), WRONG, ids=[f"{name}-{kind}" for name, _, kind in WRONG])
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(name, data, kind):
    with pytest.raises(ValidationError, match="Содержимое файла не является") as refused:
        validate_upload(upload(name, data))

    assert kind in refused.value.messages[0]
