"""The schools' course needs and the municipality's plan consolidated from them ([002:143, 239])."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.models import CourseNeed, CoursePlan, Focus
from courses.planning import choose_course, consolidate_plan, submit_need
from courses.selectors import visible_needs
from tests.courses.world import world  # noqa: F401  fixtures

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def need(world, organisation=None, actor=None, topic="Функциональная грамотность", focus=Focus.FGOS, count=None,
         people=()):
    organisation = organisation or world.organisation
    actor = actor or (world.director if organisation == world.organisation else world.other_director)
    return submit_need(actor, CourseNeed(organisation=organisation, year=YEAR, focus=focus, topic=topic,
                                         teachers_count=count), people)


def test_a_school_names_its_teachers_and_the_number_follows_them(world):
    submitted = need(world, people=[world.teacher, world.mentor])
    assert submitted.teachers_count == 2
    assert set(submitted.people.all()) == {world.teacher, world.mentor}
    assert submitted.submitted_by == world.director and submitted.municipality == world.organisation.municipality


def test_a_need_naming_another_schools_teacher_or_the_past_is_refused_whole(world):
    with pytest.raises(ValidationError) as raised:
        submit_need(world.director, CourseNeed(organisation=world.organisation, year=YEAR - 1, focus=Focus.ICT,
                                               topic="ИКТ", teachers_count=1), [world.teacher, world.other_teacher])
    errors = raised.value.message_dict
    assert errors["year"] == ["Потребности подаются на текущий или следующий год."]
    assert errors["people"] == [f"Не педагог этой организации: {world.other_teacher}."]
    assert errors["teachers_count"] == ["Педагогов меньше, чем названо поимённо."]
    assert not CourseNeed.objects.exists()


@pytest.mark.parametrize("who", ["teacher", "other_director", "methodist", "auditor"])
def test_only_the_schools_director_or_lead_submits_its_needs(world, who):
    with pytest.raises(PermissionDenied):
        need(world, actor=getattr(world, who), count=3)
    assert not CourseNeed.objects.exists()


def test_the_plan_gathers_needs_by_focus_and_topic_and_keeps_a_chosen_programme(world):
    need(world, count=3)
    need(world, organisation=world.other, topic="  функциональная   грамотность", count=2)
    need(world, focus=Focus.ICT, topic="Цифровая школа", count=4)
    plan = consolidate_plan(world.methodist, world.organisation.municipality, YEAR)
    lines = {(item.focus, item.teachers_count, item.organisations_count) for item in plan.items.all()}
    assert lines == {(Focus.FGOS, 5, 2), (Focus.ICT, 4, 1)}

    ict = plan.items.get(focus=Focus.ICT)
    choose_course(world.methodist, ict, world.course)
    need(world, organisation=world.other, focus=Focus.ICT, topic="цифровая школа", count=1)
    CourseNeed.objects.filter(focus=Focus.FGOS).delete()
    plan = consolidate_plan(world.methodist, world.organisation.municipality, YEAR)

    assert [(item.focus, item.teachers_count, item.course) for item in plan.items.all()] == [
        (Focus.ICT, 5, world.course)]
    assert CoursePlan.objects.count() == 1
    assert plan.history.first().history_user == world.methodist


def test_only_the_municipalitys_methodist_consolidates_and_an_empty_year_is_said_so(world):
    municipality = world.organisation.municipality
    for who in ("officer", "director", "elsewhere_methodist", "auditor"):
        with pytest.raises(PermissionDenied):
            consolidate_plan(getattr(world, who), municipality, YEAR)
    with pytest.raises(ValidationError) as raised:
        consolidate_plan(world.methodist, municipality, YEAR)
    assert raised.value.message_dict == {"year": [f"На {YEAR} год ни одна организация не подала потребности в курсах."]}


def test_the_needs_are_seen_by_their_school_and_the_centre_only(world):
    mine = need(world, count=1)
    seen = {who: set(visible_needs(getattr(world, who))) for who in (
        "director", "lead", "other_director", "teacher", "methodist", "officer", "auditor", "elsewhere_methodist")}
    assert seen == {"director": {mine}, "lead": {mine}, "other_director": set(), "teacher": set(),
                    "methodist": {mine}, "officer": {mine}, "auditor": {mine}, "elsewhere_methodist": set()}
