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

from django.db.models import Count
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
    """The person's latest cases of every kind, the most recently changed first."""
    cases = []
    for case_type in case_types():
        for case in case_type.model.objects.filter(author=user).defer("chain_steps").order_by("-updated_at")[
                :CASES_SHOWN]:
            cases.append({"case": case, "process": case_type.title, "status": case.get_status_display()})
    cases.sort(key=lambda row: row["case"].updated_at, reverse=True)
    return {"template": "workflows/start_cases.html", "cases": cases[:CASES_SHOWN]}


def scope_counts(user) -> dict:
    return {"template": "workflows/start_counts.html", "kinds": [counts_of(case_type, user) for case_type in case_types()]}


def counts_of(case_type: CaseType, user) -> dict:
    """The cases of one kind `user` may see, counted by status (in the order of the statuses) and by step, in
    one grouped query."""
    cases = visible(user, "view", case_type.model.objects.all())
    url = reverse(case_type.list_url_name)
    by_status: Counter = Counter()
    by_step: Counter = Counter()
    for status, step, total in cases.order_by().values_list("status", "current_step").annotate(total=Count("pk")):
        by_status[status] += total
        if step:
            by_step[step] += total
    statuses = [{"label": label, "total": by_status[value], "url": f"{url}?{urlencode({'status': value})}"}
                for value, label in case_type.model.Status.choices if by_status[value]]
    steps = [{"label": step, "total": by_step[step], "url": f"{url}?{urlencode({'step': step})}"}
             for step in sorted(by_step)]
    return {"title": case_type.title, "url": url, "total": sum(by_status.values()), "statuses": statuses,
            "steps": steps}
