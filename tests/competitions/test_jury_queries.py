"""The jury's scoring page and the results computation read one query per table, whatever the size: the same
statement count for 4 contestants as for 24 (the bench measures them at 500 × 10 × 3)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from competitions.jury import open_round
from competitions.results import close_round
from competitions.scores import own_assignments, save_scores
from tests.competitions.jury_world import jury_world

pytestmark = pytest.mark.django_db


def scored(contestants: int):
    world = jury_world(contestants=contestants, rounds=1)
    round_ = world.rounds[0]
    open_round(round_, world.committee)
    criteria = list(round_.criteria.all())
    for juror in world.jurors:
        save_scores(round_, juror, {row.pk: {criterion.pk: (row.object_id + juror.pk) % 11 for criterion in criteria}
                                    for row in own_assignments(round_, juror)}, submit=True)
    return world, round_


def sheet_queries(client, world, round_) -> int:
    client.force_login(world.jurors[0])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("results:sheet", args=[round_.pk])).status_code == 200
    return len(queries)


def test_the_scoring_page_reads_the_same_few_queries_for_any_number_of_contestants(client,
                                                                                 django_assert_max_num_queries):
    small, small_round = scored(4)
    large, large_round = scored(24)
    client.force_login(large.jurors[0])

    with django_assert_max_num_queries(16):
        assert client.get(reverse("results:sheet", args=[large_round.pk])).status_code == 200
    assert sheet_queries(client, small, small_round) == sheet_queries(client, large, large_round)


def test_closing_a_round_takes_the_same_statements_for_any_number_of_contestants():
    counts = []
    for contestants in (4, 24):
        world, round_ = scored(contestants)
        with CaptureQueriesContext(connection) as queries:
            close_round(round_, world.committee)
        counts.append(len(queries))

    assert counts[0] == counts[1] and counts[0] <= 30


def test_a_large_round_is_scored_page_by_page_and_a_gap_on_another_page_is_named(client):
    world = jury_world(contestants=55, rounds=1)
    round_ = world.rounds[0]
    open_round(round_, world.committee)
    criteria = list(round_.criteria.all())
    rows = list(own_assignments(round_, world.jurors[0]).order_by("object_id"))
    client.force_login(world.jurors[0])
    url = reverse("results:sheet", args=[round_.pk])

    second = client.get(url, {"page": 2}).content.decode()
    saved = client.post(f"{url}?page=2", {f"score_{row.pk}_{criterion.pk}": "4" for row in rows[50:]
                                          for criterion in criteria} | {"action": "save"})
    refused = client.post(f"{url}?page=2", {"action": "submit"})

    assert second.count('data-testid="sheet-row"') == 5 and 'data-testid="sheet-pages"' in second
    assert saved.status_code == 302 and saved["Location"].endswith("?page=2")
    assert refused.status_code == 400 and 'data-testid="errors-elsewhere"' in refused.content.decode()
    assert all(row.review.scores == {str(criterion.pk): 4 for criterion in criteria}
               for row in own_assignments(round_, world.jurors[0]).filter(pk__in=[row.pk for row in rows[50:]]))
