"""A competition from its admitted entries to the winner at the next level: two rounds scored by three jurors
(one conflicted and replaced), advancement between them, a tie flagged and broken by the rule, the protocol
approved, the scores frozen, the winner forwarded — on the page where the committee acts and over the API."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from competitions.jury import open_round
from competitions.models import Competition, Entry, Level, Placement, Round, RoundResult
from competitions.protocol import approve_protocol, forward_winner, save_protocol
from competitions.results import close_round, round_table
from competitions.scores import own_assignments, save_scores
from scoring.models import ExpertAssignment
from tests.api import token_client
from tests.competitions.jury_world import contest, entries, school, score_all  # noqa: F401  the fixtures
from tests.factories import CompetitionFactory
from workflows.services import CaseConflict

pytestmark = pytest.mark.django_db


def test_two_rounds_a_tie_broken_the_protocol_approved_and_the_winner_forwarded(contest):
    world, jurors, (first, second), (a, b, c) = contest
    committee, reserve = world.committee, world.juror

    opening = open_round(first, committee)

    same_school = jurors[2]
    assert {(entry.pk, juror.pk, replacement.pk) for entry, juror, _reason, replacement in opening.conflicts} == {
        (a.pk, same_school.pk, reserve.pk), (b.pk, same_school.pk, reserve.pk)}
    assert not own_assignments(first, same_school).filter(object_id__in=[a.pk, b.pk]).exists()
    excluded = ExpertAssignment.objects.get(object_id=a.pk, expert=same_school, round=1)
    assert excluded.status == ExpertAssignment.Status.DECLINED and excluded.replacement.expert == reserve
    assert "организации" in excluded.decline_reason

    score_all(first, [*jurors, reserve], {a.pk: 9, b.pk: 8, c.pk: 5})
    close_round(first, committee)

    assert [(row.entry.pk, row.score, row.rank, row.advanced) for row in round_table(first)] == [
        (a.pk, Decimal("9.00"), 1, True), (b.pk, Decimal("8.00"), 2, True), (c.pk, Decimal("5.00"), 3, False)]
    c.refresh_from_db()
    assert c.status == Entry.Status.ELIMINATED

    open_round(second, committee)
    assert not own_assignments(second, jurors[0]).filter(object_id=c.pk).exists()  # eliminated: no sheet
    score_all(second, [*jurors, reserve], {a.pk: 7, b.pk: 7})
    close_round(second, committee)

    rows = round_table(second)
    assert [(row.entry.pk, row.score, row.rank, row.tied) for row in rows] == [
        (a.pk, Decimal("14.00"), 1, True), (b.pk, Decimal("14.00"), 2, True)]
    assert "9.00" in rows[0].tie_break_note  # broken by the higher score in the last round
    ranking = {entry.pk: (entry.rank, entry.total, entry.placement) for entry in Entry.objects.filter(
        pk__in=[a.pk, b.pk, c.pk])}
    assert ranking == {a.pk: (1, Decimal("23.00"), Placement.WINNER), b.pk: (2, Decimal("22.00"),
                       Placement.PRIZE_WINNER), c.pk: (3, Decimal("5.00"), Placement.PARTICIPANT)}

    save_protocol(world.competition, committee, number="7", date_=date(2026, 3, 1), text="Утвердить итоги.")
    approve_protocol(world.competition, committee)

    world.competition.refresh_from_db()
    assert world.competition.status == Competition.Status.RESULTS
    a.refresh_from_db(), c.refresh_from_db()
    assert a.status == Entry.Status.FINISHED and a.placement == Placement.WINNER
    assert c.status == Entry.Status.ELIMINATED
    mine = own_assignments(second, jurors[0]).first()
    with pytest.raises(CaseConflict) as frozen:
        save_scores(second, jurors[0], {mine.pk: {second.criteria.get().pk: 1}})
    assert frozen.value.code == "scores_frozen"
    api = token_client(jurors[0]).post(f"/api/competition-rounds/{second.pk}/sheet/", {
        "scores": {str(mine.pk): {str(second.criteria.get().pk): 1}}}, format="json")
    assert api.status_code == 409 and api.json()["code"] == "scores_frozen"
    assert RoundResult.objects.get(round=second, entry=a).score == Decimal("14.00")

    regional = CompetitionFactory(municipality=world.competition.municipality, name="Педагогический дебют: регион",
                                  level=Level.REGIONAL, status=Competition.Status.NOMINATIONS,
                                  nominations_deadline=timezone.now() + timedelta(days=5))
    Competition.objects.filter(pk=world.competition.pk).update(next_level=regional)
    a.refresh_from_db()
    with pytest.raises(ValidationError):
        forward_winner(Entry.objects.get(pk=b.pk), committee)
    forwarded = forward_winner(a, committee)
    assert forwarded.competition == regional and forwarded.forwarded_from == a
    assert forwarded.nominee == a.nominee and forwarded.status == Entry.Status.DRAFT


def test_a_round_does_not_close_until_every_sheet_is_in(contest):
    world, jurors, (first, _second), (a, b, c) = contest
    open_round(first, world.committee)
    score_all(first, jurors[:2], {a.pk: 9, b.pk: 8, c.pk: 5})

    with pytest.raises(ValidationError) as missing:
        close_round(first, world.committee)

    assert "не" in str(missing.value) and not RoundResult.objects.exists()
    first.refresh_from_db()
    assert first.status == Round.Status.SCORING


def test_a_juror_sees_no_other_jurors_scores_before_the_round_closes(client, contest):
    world, jurors, (first, _second), (a, b, c) = contest
    open_round(first, world.committee)
    mine = {row.object_id: row for row in own_assignments(first, jurors[0])}
    criterion = first.criteria.get()
    save_scores(first, jurors[0], {mine[c.pk].pk: {criterion.pk: 7}})  # saved, a distinctive 7
    other = own_assignments(first, jurors[1]).get(object_id=c.pk)

    client.force_login(jurors[1])
    page = client.get(reverse("results:sheet", args=[first.pk]))
    results_page = client.get(reverse("results:competition", args=[world.competition.pk]))
    api = token_client(jurors[1])
    sheet = api.get(f"/api/competition-rounds/{first.pk}/sheet/").json()
    results = api.get(f"/api/competition-rounds/{first.pk}/results/").json()
    foreign = api.post(f"/api/competition-rounds/{first.pk}/sheet/", {
        "scores": {str(mine[c.pk].pk): {str(criterion.pk): 1}}}, format="json")

    assert page.status_code == 200 and f'name="score_{other.pk}_{criterion.pk}" value=""' in page.content.decode()
    assert f"score_{mine[c.pk].pk}_" not in page.content.decode()
    assert 'data-testid="round-table"' not in results_page.content.decode()
    assert all(row["scores"] == {} for row in sheet) and mine[c.pk].pk not in {row["assignment"] for row in sheet}
    assert results["rows"] == [] and results["progress"] == [] and results["deviations"] == []
    assert foreign.status_code == 400 and foreign.json()["errors"][0]["field"] == "scores"
    assert mine[c.pk].review.scores == {str(criterion.pk): 7}


@pytest.mark.parametrize("value", ["11", "-1"])
def test_a_score_above_the_maximum_or_negative_is_refused_at_its_cell_and_nothing_is_saved(client, contest, value):
    world, jurors, (first, _second), (a, b, c) = contest
    open_round(first, world.committee)
    rows = list(own_assignments(first, jurors[0]))
    criterion = first.criteria.get()
    client.force_login(jurors[0])

    page = client.post(reverse("results:sheet", args=[first.pk]), {
        f"score_{rows[0].pk}_{criterion.pk}": "6", f"score_{rows[1].pk}_{criterion.pk}": value, "action": "save"})
    api = token_client(jurors[0]).post(f"/api/competition-rounds/{first.pk}/sheet/", {
        "scores": {str(rows[0].pk): {str(criterion.pk): 6}, str(rows[1].pk): {str(criterion.pk): int(value)}}},
        format="json")

    field = f"score_{rows[1].pk}_{criterion.pk}"
    assert page.status_code == 400
    assert f'data-testid="error-{field}">Оценка по критерию «Актуальность» должна быть от 0 до 10' in \
        page.content.decode()
    assert f'value="{value}"' in page.content.decode()  # what was typed stays in its cell
    assert api.status_code == 400 and api.json()["errors"][0]["field"] == field
    assert not ExpertAssignment.objects.filter(review__isnull=False).exists()


def test_the_committee_runs_the_rounds_and_approves_on_the_page_and_the_public_sees_the_winner(client, contest):
    world, jurors, (first, second), (a, b, c) = contest
    client.force_login(world.committee)
    results = reverse("results:competition", args=[world.competition.pk])

    assert client.post(reverse("results:open-round", args=[first.pk])).status_code == 302
    page = client.get(results).content.decode()
    assert 'data-testid="exclusions"' in page and 'data-testid="progress"' in page
    score_all(first, [*jurors, world.juror], {a.pk: 9, b.pk: 8, c.pk: 5})
    client.post(reverse("results:close-round", args=[first.pk]))
    client.post(reverse("results:open-round", args=[second.pk]))
    score_all(second, [*jurors, world.juror], {a.pk: 7, b.pk: 7})
    client.post(reverse("results:close-round", args=[second.pk]))
    public = reverse("results:public", args=[world.competition.pk])
    assert client.get(public).status_code == 404  # not before the approval
    client.post(reverse("results:protocol", args=[world.competition.pk]),
                {"number": "7", "date": "2026-03-01", "text": "", "action": "save"})
    client.post(reverse("results:protocol", args=[world.competition.pk]), {"action": "approve"})

    page = client.get(results).content.decode()
    assert 'data-testid="tie"' in page and 'data-testid="deviations"' in page
    assert str(world.committee) in page.split('data-testid="protocol-status">')[1].split("</dd>")[0]
    pdf = client.get(reverse("results:protocol-pdf", args=[world.competition.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    client.logout()
    shown = client.get(public).content.decode()
    assert f'data-testid="winner"><h2>{a.nominee}</h2>' in shown
    assert str(b.nominee) in shown and c.organisation.name in shown
