"""`make bench`'s competition figures run end to end at a small size: three rounds scored and closed, the jury's
sheet served and the last round closed again inside a rolled-back transaction (so every timing closes the same
round)."""
import pytest

from bench import competitions as contest_bench
from competitions.models import Entry, Round, RoundResult

pytestmark = pytest.mark.django_db


def test_the_competition_bench_times_the_sheet_and_the_closing_of_a_round(capsys):
    assert contest_bench.main(["--contestants", "6", "--jurors", "3", "--rounds", "2", "--requests", "2"]) == 0

    report = capsys.readouterr().out
    assert "| Jury's scoring page |" in report and "| Results computation (closing a round) |" in report
    first, last = Round.objects.filter(competition__name="Учитель года").order_by("position")
    assert (first.status, last.status) == (Round.Status.CLOSED, Round.Status.SCORING)  # the closings rolled back
    assert RoundResult.objects.filter(round=first).count() == 6 and not RoundResult.objects.filter(round=last).exists()
    assert not Entry.objects.filter(competition=first.competition, rank__isnull=False).exists()
