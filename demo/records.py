"""Diagnostics of the demo teachers with their deficits and a methodist's recommendations, and the
young teachers' surveys (domain.md §2.1), entered through `routes.diagnostics` as the people who enter them.

A teacher who already has a diagnostics (or a survey) is left as they are, so a second run adds nothing.
"""
from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from routes import diagnostics as records
from routes.models import Deficit, Diagnostics, YoungTeacherSurvey

# (area, deficit, severity), a teacher's deficits by the areas a provider assessed [000:156, 003:243].
DEFICITS = [
    ("methodical", "Проектирование урока в логике системно-деятельностного подхода", 3),
    ("digital", "Использование цифровых образовательных ресурсов на уроке", 2),
    ("psychological", "Работа с учащимися с особыми образовательными потребностями", 2),
    ("subject", "Решение задач повышенной сложности", 1),
    ("communicative", "Взаимодействие с родителями учащихся", 1),
]
PROVIDERS = ["cnppm", "ya_uchitel", "courses", "school", "other"]


def diagnose(teacher: User, methodist: User, index: int) -> list[Deficit]:
    """The teacher's diagnostics (entered by the methodist) and its deficits, the first time only."""
    found = Diagnostics.objects.filter(teacher=teacher).first()
    if found is not None:
        return list(found.deficits.all())
    chosen = [DEFICITS[(index + shift) % len(DEFICITS)] for shift in range(3)]
    diagnostics = Diagnostics(teacher=teacher, date=timezone.localdate() - timedelta(days=60 + 7 * index),
                              provider=PROVIDERS[index % len(PROVIDERS)],
                              competence_areas=sorted({area for area, _, _ in chosen}),
                              notes="Диагностика по итогам входного тестирования.")
    deficits = [Deficit(area=area, title=title, severity=severity) for area, title, severity in chosen]
    records.save_diagnostics(diagnostics, methodist, deficits)
    if index % 2 == 0:
        records.add_recommendation(diagnostics, methodist, "Рекомендую КПК по проектированию уроков и посещение "
                                                           "открытых уроков наставника; тему включить в ИОМ.")
    return deficits


def survey(teacher: User) -> None:
    """A young teacher answers the survey of this half-year and of the one before [002:240]."""
    if YoungTeacherSurvey.objects.filter(teacher=teacher).exists():
        return
    year, half = records.current_survey_period()
    earlier = (year, "autumn") if half == "spring" else (year - 1, "spring")
    for (school_year, period), comfort in (((year, half), 4), (earlier, 3)):
        records.save_survey(YoungTeacherSurvey(
            teacher=teacher, school_year=school_year, half=period, difficulties=["planning", "parents"],
            comfort=comfort, wants_mentor=comfort < 4, comment="Нужна помощь в подготовке к открытым урокам.",
        ), teacher)


def enter_records(teachers: list[User], methodist: User, young: list[User]) -> dict[int, list[Deficit]]:
    """Everyone's diagnostics and the young teachers' surveys; the deficits of each teacher, by their pk."""
    deficits = {teacher.pk: diagnose(teacher, methodist, index) for index, teacher in enumerate(teachers)}
    for teacher in young:
        survey(teacher)
    return deficits
