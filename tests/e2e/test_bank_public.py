"""The public bank in the browser, as a visitor who never signs in: search by a word form, open a practice,
download its file; the file of a material that is not published is the Russian 404. The screenshot goes to
var/artifacts/screenshots/."""
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from tests.expertise import published, submitted

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "artifacts" / "screenshots"
TITLE = "Проектная деятельность на уроках математики"


def test_a_visitor_finds_a_practice_downloads_its_file_and_is_refused_an_unpublished_one(
        transactional_db, page, expertise):
    practice = published(expertise, TITLE, "Серия уроков с учебными проектами в 7 классе")
    published(expertise, "Игровые технологии в начальной школе", "Уроки-игры")
    draft = submitted(expertise)
    content = practice.files.get().file.open("rb").read()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("bank"))
    page.get_by_label("Поиск").fill("проектной")
    page.get_by_role("button", name="Найти").click()
    expect(page.get_by_test_id("bank-count")).to_have_text("Найдено: 1")
    expect(page.get_by_test_id("practice")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "test_bank_public.png"), full_page=True)

    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_test_id("practice-page")).to_contain_text("Серия уроков с учебными проектами")
    with page.expect_download() as download:
        page.get_by_test_id("practice-files").get_by_role("link", name="разработка.pdf").click()
    assert Path(download.value.path()).read_bytes() == content

    refused = page.goto(reverse("practice-file", args=[draft.pk, draft.files.get().pk]))
    assert refused.status == 404
    expect(page.get_by_test_id("error-message")).to_contain_text("Такой страницы нет")
    assert page.goto(reverse("practice", args=[draft.pk])).status == 404
