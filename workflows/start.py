"""What the case machinery puts on a person's start page (declared as `start_panels` in its AppConfig).

Three panels: what waits for me (my tasks and the ones I may take, by due date, the overdue first), my
own cases with their current step, and, for those who oversee cases (directors, methodists, officers,
auditors), how many cases of their scope stand at each status and each step, every count a link to the
case list filtered accordingly. Every registered case type takes part; the number of statements depends
on the number of case types, never on the number of tasks or cases.
"""
from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

from django.db.models import Count, IntegerField, Value
from django.http import HttpRequest
from django.urls import reverse

from accounts.models import Role
from accounts.permissions import active_assignments, visible

from .tasks import inbox, task_rows
from .types import CaseType, case_types

WAITING_SHOWN = 10
CASES_SHOWN = 10
OVERSEERS = {Role.DIRECTOR, Role.METHODIST, Role.OFFICER, Role.AUDITOR, Role.ADMIN}


def panels(request: HttpRequest) -> list[dict]:
    user = request.user
    result = [waiting(user)]
    mine = my_cases(user)
    if mine["cases"]:
        result.append(mine)
    if user.is_superuser or OVERSEERS & {assignment.role for assignment in active_assignments(user)}:
        result.append(scope_counts(user))
    return result


def waiting(user) -> dict:
    tasks = list(inbox(user)[:WAITING_SHOWN + 1])
    return {"template": "workflows/start_waiting.html", "rows": task_rows(tasks[:WAITING_SHOWN]),
            "more": len(tasks) > WAITING_SHOWN}


def my_cases(user) -> dict:
    """The person's latest cases of every kind, the most recently changed first: which ones, in one query over
    every kind; then the cases of each kind among them."""
    types = case_types()
    latest = [case_type.model.objects.filter(author=user).order_by().annotate(case_kind=case_kind(index))
              .values_list("case_kind", "pk", "updated_at") for index, case_type in enumerate(types)]
    shown = list(latest[0].union(*latest[1:], all=True).order_by("-updated_at", "-pk")[:CASES_SHOWN]) if latest else []
    found = {}
    for index in {kind for kind, _pk, _updated in shown}:
        pks = [pk for kind, pk, _updated in shown if kind == index]
        found.update({(index, case.pk): case for case in types[index].model.objects.filter(pk__in=pks)
                      .defer("chain_steps")})
    cases = [{"case": found[kind, pk], "process": types[kind].title, "status": found[kind, pk].get_status_display()}
             for kind, pk, _updated in shown if (kind, pk) in found]
    return {"template": "workflows/start_cases.html", "cases": cases}


def case_kind(index: int) -> Value:
    """Which kind of case a row of a query over every kind comes from (its place in `case_types()`)."""
    return Value(index, output_field=IntegerField())


def scope_counts(user) -> dict:
    """The cases of every kind `user` may see, counted by status and by step, in one grouped query."""
    types = case_types()
    grouped = [visible(user, "view", case_type.model.objects.all()).order_by().annotate(case_kind=case_kind(index))
               .values_list("case_kind", "status", "current_step").annotate(total=Count("pk"))
               for index, case_type in enumerate(types)]
    rows: dict[int, list[tuple[str, str, int]]] = {index: [] for index in range(len(types))}
    for kind, status, step, total in (grouped[0].union(*grouped[1:], all=True) if grouped else []):
        rows[kind].append((status, step, total))
    return {"template": "workflows/start_counts.html",
            "kinds": [counts_of(case_type, rows[index]) for index, case_type in enumerate(types)]}


def counts_of(case_type: CaseType, grouped: list[tuple[str, str, int]]) -> dict:
    """One kind of case counted by status (in the order of the statuses) and by step, from its grouped rows."""
    url = reverse(case_type.list_url_name)
    by_status: Counter = Counter()
    by_step: Counter = Counter()
    for status, step, total in grouped:
        by_status[status] += total
        if step:
            by_step[step] += total
    statuses = [{"label": label, "total": by_status[value], "url": f"{url}?{urlencode({'status': value})}"}
                for value, label in case_type.model.Status.choices if by_status[value]]
    steps = [{"label": step, "total": by_step[step], "url": f"{url}?{urlencode({'step': step})}"}
             for step in sorted(by_step)]
    return {"title": case_type.title, "url": url, "total": sum(by_status.values()), "statuses": statuses,
            "steps": steps}
