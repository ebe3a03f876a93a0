"""workflows.search: Russian word forms and case-insensitive names, the same on PostgreSQL and SQLite.

The suite runs on PostgreSQL; tests/materials/test_bank_search.py runs this module once more on SQLite."""
import pytest

from accounts.models import Organisation, User
from tests.factories import OrganisationFactory, UserFactory
from workflows.search import matching, search_texts, stems

pytestmark = pytest.mark.django_db
FIELDS = {"name": "A", "short_name": "C"}


def found(text: str) -> list[str]:
    ranked = search_texts(Organisation.objects.all(), text, FIELDS).order_by("-rank", "name")
    return list(ranked.values_list("name", flat=True))


def test_the_stems_are_those_of_russian_word_forms():
    assert stems("Проектной, проектная; ПРОЕКТНЫЕ и в") == ["проектн"] * 3


def test_a_word_form_finds_the_text_it_is_in():
    OrganisationFactory(name="Центр проектная деятельность")
    OrganisationFactory(name="Школа игровых технологий")

    assert found("проектной") == ["Центр проектная деятельность"]
    assert found("ИГРОВЫЕ технологии") == ["Школа игровых технологий"]


def test_every_word_of_the_query_must_be_found_in_one_of_the_fields():
    OrganisationFactory(name="Лицей проектной деятельности", short_name="Лицей математики")
    OrganisationFactory(name="Гимназия проектной деятельности", short_name="Гимназия")

    assert found("проектная математика") == ["Лицей проектной деятельности"]
    assert found("проектная физика") == []


def test_words_in_a_heavier_field_rank_first():
    OrganisationFactory(name="Школа № 1", short_name="Проектная школа")
    OrganisationFactory(name="Проектная школа № 2", short_name="Школа")

    assert found("проектной") == ["Проектная школа № 2", "Школа № 1"]


def test_stop_words_and_punctuation_do_not_narrow_the_search():
    OrganisationFactory(name="Центр проектной деятельности")

    assert found("«проектная» и в, на") == ["Центр проектной деятельности"]


def test_a_query_without_words_leaves_every_row():
    OrganisationFactory.create_batch(2)

    assert len(found(" , - ")) == Organisation.objects.count() >= 2


@pytest.mark.parametrize(("text", "starts", "contains"), [
    ("смирнова", True, True), ("СМИРНОВА", True, True), ("Смир", True, True), ("мирнов", False, True),
    ("иванова", False, False),
])
def test_names_match_whatever_the_case_of_their_cyrillic_letters(text, starts, contains):
    smirnova = UserFactory(last_name="Смирнова")
    people = User.objects.filter(pk=smirnova.pk)

    assert matching(people, text, starts=["last_name"]).exists() is starts
    assert matching(people, text, contains=["last_name"]).exists() is contains


def test_like_wildcards_in_the_text_are_taken_literally():
    people = User.objects.filter(pk=UserFactory(last_name="Смирнова").pk)

    assert not matching(people, "%", contains=["last_name"]).exists()
    assert not matching(people, "_мирнова", starts=["last_name"]).exists()
    assert matching(people, "  ", starts=["last_name"]).count() == 1  # no text, no narrowing
