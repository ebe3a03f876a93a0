from datetime import date

import pytest

from accounts.models import User


@pytest.mark.parametrize(
    ("birth_date", "on", "young"),
    [
        (date(1992, 6, 1), date(2027, 5, 31), True),  # 34 the day before the birthday
        (date(1992, 6, 1), date(2027, 6, 1), False),  # 35 on the birthday
        (date(2001, 1, 1), date(2026, 11, 23), True),
        (None, date(2026, 11, 23), False),
    ],
)
def test_a_young_teacher_is_under_35(birth_date, on, young):
    assert User(birth_date=birth_date).is_young_teacher(on) is young


@pytest.mark.parametrize(
    ("tenure_start", "band"),
    [
        (date(2026, 9, 1), User.TenureBand.FIRST_YEAR),
        (date(2025, 11, 23), User.TenureBand.ONE_TO_THREE),
        (date(2022, 11, 24), User.TenureBand.ONE_TO_THREE),
        (date(2022, 11, 23), User.TenureBand.FOUR_TO_FIVE),
        (date(2021, 11, 23), User.TenureBand.FOUR_TO_FIVE),
        (date(2020, 11, 23), User.TenureBand.OVER_FIVE),
        (None, None),
    ],
)
def test_pedagogical_tenure_falls_into_the_young_teacher_bands(tenure_start, band):
    assert User(tenure_start=tenure_start).tenure_band(on=date(2026, 11, 23)) == band


def test_full_name_is_surname_name_patronymic():
    person = User(username="x", last_name="Смирнова", first_name="Анна", patronymic="Сергеевна")

    assert person.get_full_name() == "Смирнова Анна Сергеевна"
    assert str(person) == "Смирнова Анна Сергеевна"
