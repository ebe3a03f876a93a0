"""The sites' lists in the benchmark (`bench.run`): the register and the applications for a site's status,
page and API, as the busy methodist and as the auditor of their municipality, with the same targets as
the case lists. Each is compared with the same list filtered to its rarest status (few rows)."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable

# (name, URL name of the list, marker of a page's row (None: the API's results), whose statuses filter it)
LISTS = [
    ("Register page", "register:index", "site-row", "site"),
    ("Register API", "api:site-list", None, "site"),
    ("Applications page", "site_applications:index", "application-row", "application"),
    ("Applications API", "api:site_application-list", None, "application"),
]


def rarest_and_busiest(model, municipality) -> tuple[str, str]:
    from django.db.models import Count

    counts = dict(model.objects.filter(municipality=municipality).values_list("status").annotate(n=Count("id")))
    if not counts:
        raise SystemExit(f"No {model._meta.verbose_name_plural} in the database: run `python -m bench.generate`.")
    return max(counts, key=counts.get), min(counts, key=counts.get)


def auditor_of(municipality):
    from accounts.models import Role, RoleAssignment, User

    holder = (RoleAssignment.objects.active().filter(role=Role.AUDITOR, municipality=municipality)
              .order_by("user").values_list("user", flat=True).first())
    if holder is None:
        raise SystemExit(f"No auditor in {municipality}: run `python -m bench.generate`.")
    return User.objects.get(pk=holder)


def page_rows(mark: str) -> Callable:
    return lambda response: response.content.decode().count(f'data-testid="{mark}"')


def api_rows(response) -> int:
    return len(json.loads(response.content)["results"])


def site_plan(subjects, client_for: Callable, api_client_for: Callable) -> list[tuple]:
    """Rows of `bench.run.page_figures`'s plan: (name, path, client, small client, small path, small label, rows)."""
    from django.urls import NoReverseMatch, reverse

    from platforms.models import Site, SiteApplication

    methodist, auditor = subjects.busy, auditor_of(subjects.municipality)
    statuses = {"site": rarest_and_busiest(Site, subjects.municipality),
                "application": rarest_and_busiest(SiteApplication, subjects.municipality)}
    plan = []
    for name, url_name, mark, model in LISTS:
        try:
            path = reverse(url_name)
        except NoReverseMatch:
            print(f"  note: {url_name} is not served, {name} is not measured", file=sys.stderr)
            continue
        busiest, rarest = statuses[model]
        make = client_for if mark else api_client_for
        rows = page_rows(mark) if mark else api_rows
        for person, who in ((methodist, "methodist"), (auditor, "auditor")):
            client = make(person)
            plan.append((f"{name}, {who}", f"{path}?status={busiest}", client, client, f"{path}?status={rarest}",
                         f"status={rarest}", rows))
    return plan
