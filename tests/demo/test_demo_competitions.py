"""The demo's competitions: in every municipality last year's results are approved and public with a winner, a
prize-winner and a participant, this year's is in its rounds with one contestant eliminated, another takes
nominations; the jurors' scores went through the shared assessment."""
import pytest
from django.test import Client

from accounts.models import Municipality
from competitions.models import Competition, Entry, Placement, ResultsProtocol, Round
from scoring.models import Review

pytestmark = pytest.mark.django_db


def test_every_municipality_has_a_public_winner_and_a_competition_in_each_stage(demo_region):
    anonymous = Client()
    for municipality in Municipality.objects.all():
        competitions = Competition.objects.filter(municipality=municipality)
        assert set(competitions.values_list("status", flat=True)) == {
            Competition.Status.RESULTS, Competition.Status.ROUNDS, Competition.Status.NOMINATIONS}, municipality.slug
        finished = competitions.get(status=Competition.Status.RESULTS)
        assert finished.protocol.status == ResultsProtocol.Status.APPROVED
        assert sorted(finished.entries.values_list("status", "placement")) == [
            (Entry.Status.FINISHED, Placement.PARTICIPANT), (Entry.Status.FINISHED, Placement.PRIZE_WINNER),
            (Entry.Status.FINISHED, Placement.WINNER)]
        winner = finished.entries.get(placement=Placement.WINNER).nominee
        page = anonymous.get(f"/results/{finished.pk}/")
        assert page.status_code == 200 and winner.last_name in page.content.decode()
        rounds = competitions.get(status=Competition.Status.ROUNDS).rounds.order_by("position")
        assert [item.status for item in rounds] == [Round.Status.CLOSED, Round.Status.PENDING, Round.Status.PENDING]
    assert Review.objects.filter(assignment__round=1).exists()
