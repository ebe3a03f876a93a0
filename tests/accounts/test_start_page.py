"""The start page per role: what waits for me, my cases with their step, and the counts of my scope by status
and by step, each a link to the case list filtered by it; in a fixed number of queries."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routes import services
from tests.expertise import in_expertise

pytestmark = pytest.mark.django_db

HOME = reverse("cabinet:index")


def start_page(client, person) -> str:
    client.force_login(person)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def section(page: str, testid: str) -> str:
    start = page.find(f'data-testid="{testid}"')
    return "" if start < 0 else page[start:page.find("</section>\n  </div>", start)]


def counts(page: str, kind: str) -> dict[str, tuple[int, str]]:
    """The counts of one kind of count (status or step): label → (count, link)."""
    return {label: (int(total), url.replace("&amp;", "&")) for url, label, total in re.findall(
        rf'<a href="([^"]+)" data-testid="count-{kind}">([^<]+): (\d+)</a>', page)}


def listed(client, url: str) -> int:
    return int(re.search(r'data-testid="case-count">(\d+)', client.get(url).content.decode()).group(1))


@pytest.fixture
def region(school, make_route):
    """Two routes at the lead's step and one at the director's in the school, one at the lead's next door,
    a draft; the teacher's latest route is returned for revision."""
    at_lead = [services.submit(make_route(school.teacher), school.teacher) for _ in range(2)]
    at_director = services.submit(make_route(school.teacher), school.teacher)
    services.review(at_director, school.lead, "approve")
    services.submit(make_route(school.other_teacher), school.other_teacher)
    make_route(school.teacher)
    returned = services.submit(make_route(school.teacher), school.teacher)
    services.review(returned, school.lead, "return", "Уточните тему самообразования")
    return {"at_lead": at_lead, "at_director": at_director, "returned": returned}


def test_the_teacher_sees_their_cases_with_their_step_and_the_revision_waiting(client, school, region):
    page = start_page(client, school.teacher)

    mine = section(page, "my-cases")
    assert mine.count('data-testid="my-case"') == 5
    assert region["at_director"].number in mine and "Утверждение директором" in mine
    waiting = section(page, "waiting")
    assert waiting.count('data-testid="task-row"') == 1 and region["returned"].number in waiting
    assert 'data-testid="scope-counts"' not in page
    assert 'data-testid="roles"' in page  # the roles card stays


def test_the_lead_sees_the_pending_approvals_with_a_button_to_take_them(client, school, region):
    page = start_page(client, school.lead)

    waiting = section(page, "waiting")
    assert waiting.count('data-testid="task-row"') == 2 and waiting.count('data-testid="claim"') == 2
    for route in region["at_lead"]:
        assert f'href="{route.get_absolute_url()}"' in waiting
    assert "Согласование руководителем методической службы школы" in waiting
    assert 'data-testid="scope-counts"' not in page


def test_the_director_counts_the_cases_of_their_school_only(client, school, region):
    page = start_page(client, school.director)

    waiting = section(page, "waiting")
    assert waiting.count('data-testid="task-row"') == 1 and region["at_director"].number in waiting
    statuses = counts(page, "status")
    assert statuses["на согласовании"][0] == 3  # two at the lead, one at the director; not the school next door
    assert statuses["возвращён на доработку"][0] == 1
    for total, url in [*statuses.values(), *counts(page, "step").values()]:
        assert listed(client, url) == total, url


@pytest.mark.parametrize("role", ["methodist", "officer", "auditor"])
def test_the_municipality_counts_every_school_by_status_and_by_step(client, school, region, role):
    person = getattr(school, role)

    page = start_page(client, person)

    statuses, steps = counts(page, "status"), counts(page, "step")
    assert statuses["на согласовании"][0] == 4
    assert sum(total for total, _url in steps.values()) == 5  # the four under agreement and the returned one
    for total, url in [*statuses.values(), *steps.values()]:
        assert listed(client, url) == total, url
    assert "?step=" in next(iter(steps.values()))[1]


def test_the_expert_sees_the_review_waiting_with_its_due_date(client, expertise):
    material = in_expertise(expertise)

    page = start_page(client, expertise.experts[0])

    waiting = section(page, "waiting")
    assert material.number in waiting and "Рецензирование экспертом" in waiting
    assert re.search(r"<td>\d\d\.\d\d\.\d{4}", waiting)
    assert 'data-testid="scope-counts"' not in page


def test_a_person_with_nothing_to_do_is_told_so(client, school):
    page = start_page(client, school.other_director)

    assert 'data-testid="nothing-waits"' in page and "Ничего не ждёт вашего решения." in page


@pytest.mark.parametrize("role", ["methodist", "director", "teacher"])
def test_the_start_page_runs_a_fixed_number_of_queries(client, school, make_route, role):
    person = getattr(school, role)

    def queries_with(routes: int) -> int:
        for _ in range(routes):
            route = services.submit(make_route(school.teacher), school.teacher)
            services.review(route, school.lead, "approve")
            services.submit(make_route(school.teacher), school.teacher)
        client.force_login(person)
        client.get(HOME)  # the first request of a session reads what later ones find cached
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        return len(queries)

    assert queries_with(1) == queries_with(4)
