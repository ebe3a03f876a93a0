"""The route's form in the browser: the activity table fits a 1366-px screen, «add a row» adds one in place,
the participants show for a group route only and the picker adds the person searched for; no policy
violation on the way."""
import pytest
from playwright.sync_api import expect

from accounts.models import User
from routes.forms.route import RouteForm
from tests.e2e.test_csp import problems  # noqa: F401 - the fixture
from tests.e2e.test_login import log_in
from workflows.widgets import person_label

pytestmark = pytest.mark.e2e


def test_the_route_form_fits_adds_rows_in_place_and_picks_a_participant(page, demo_region, problems):  # noqa: F811
    teacher = User.objects.get(username="teacher.tomsk")
    colleague = RouteForm(author=teacher).fields["participants"].queryset.first()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, "teacher.tomsk")
    page.goto("/routes/new/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    rows = page.get_by_test_id("activity-form-row")
    expect(rows).to_have_count(1)
    url = page.url
    page.get_by_test_id("add-row").click()
    expect(rows).to_have_count(2)
    assert page.url == url and page.locator("[name=activities-1-title]").count() == 1
    assert page.locator("#id_activities-TOTAL_FORMS").input_value() == "2"

    participants = page.get_by_test_id("group-participants")
    expect(participants).to_be_hidden()
    page.locator("input[name=kind][value=group]").check()
    expect(participants).to_be_visible()
    search = participants.locator("input[type=search]")
    search.fill(person_label(colleague))
    search.press("Tab")
    expect(participants.locator(f"input[name=participants][value='{colleague.pk}']")).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert not problems
