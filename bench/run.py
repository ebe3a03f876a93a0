"""Time the task lists, the case list and page, the task API and the flow engine against a generated region.

    python -m bench.run [--requests 200] [--lifecycles 30] [--save FILE] [--baseline FILE]

Run it on a database filled by `bench.generate` (`make bench` does both on a throwaway PostgreSQL).
Every page and endpoint is requested `--requests` times through Django's test client as the busy
methodist (the person with the most object permissions), after a warm-up; the table gives the median
and the 95th percentile, the SQL statements of one request, and the same count for a second subject
with far fewer rows (constant means the count does not grow with the rows). The start page, the inbox and
the task API, held to a multiple of the bare inbox query, are timed in turn with that query, request for
request, so that other work on the machine weighs on both sides of the ratio alike. The flow engine is timed on
fresh routes through `routes.services` (draft → submit → two approvals → an activity → report →
evaluation → closed) next to `bench.flows.BareApprovalFlow` (start, three approvals, end) in the same
run. Each figure is printed with its target; `--baseline` compares p95 with an earlier run saved with
`--save` (the 10 000-task run, for the regional one). Exit status 0 whatever the verdicts: targets
inform, they do not gate.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
from dataclasses import asdict, dataclass, field

from .engine import engine_figures
from .measure import count_queries, percentile, timed, timed_against
from .courses import course_plan
from .events import event_plan
from .associations import association_plan
from .site_figures import site_plan
from .workplan import workplan_plan
from .visits import visit_plan

TARGET_P95_MS = 100.0
TARGET_API_VS_INBOX = 3.0
TARGET_THROUGHPUT_RATIO = 0.5
TARGET_GROWTH = 2.0
# The figures held to ≤ TARGET_API_VS_INBOX × the bare inbox query: what a person opens to see their work.
VERSUS_INBOX = ("Start page", "Inbox (mine and claimable)", "GET /api/tasks/")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page or endpoint")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests before each")
    parser.add_argument("--lifecycles", type=int, default=30, help="ИОМ lifecycles to time")
    parser.add_argument("--bare", type=int, default=100, help="bare flow lifecycles to time")
    parser.add_argument("--save", help="write the figures to this JSON file")
    parser.add_argument("--baseline", help="JSON of an earlier run (e.g. at 10 000 tasks) to compare p95 with")
    return parser.parse_args(argv)


def setup_django() -> None:
    if os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings") == "config.settings":
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    import django

    django.setup()


@dataclass
class Figure:
    name: str
    path: str
    median_ms: float = 0.0
    p95_ms: float = 0.0
    rows: int | None = None
    queries: int = 0
    queries_small: int | None = None
    small: str = ""
    # p95 of the bare inbox query timed in turn with this figure's requests (the figures held against it).
    bare_p95_ms: float | None = None
    verdicts: list[str] = field(default_factory=list)


class Subjects:
    """Who and what the benchmark looks at, found in the generated data."""

    def queue_holder(self, queue_tasks):
        """Someone other than the busy methodist who may take one of these tasks: a holder of its role in scope."""
        from accounts.models import RoleAssignment, Scope, User

        for permission, obj in queue_tasks.order_by("pk").values_list("owner_permission", "owner_permission_obj_pk"):
            role, _in, scope = permission.split(".", 1)[1].removeprefix("act_as_").rpartition("_in_")
            if scope not in (Scope.ORGANISATION, Scope.MUNICIPALITY):
                continue
            holder = (RoleAssignment.objects.active().filter(role=role, **{f"{scope}_id": obj})
                      .exclude(user=self.busy).order_by("user").values_list("user", flat=True).first())
            if holder:
                return User.objects.get(pk=holder)
        raise SystemExit("No queue task that someone other than the busy methodist may take.")

    def __init__(self):
        from django.db.models import Count, Q
        from guardian.models import UserObjectPermission
        from viewflow.workflow.models import Task
        from viewflow.workflow.status import STATUS

        from accounts.models import Role, User
        from routes.models import IndividualRoute
        from materials.models import Material
        from workflows.models import QueueEntry

        busiest = (UserObjectPermission.objects.values("user").annotate(grants=Count("id")).order_by("-grants")
                   .first())
        if busiest is None:
            raise SystemExit("No grants in the database: run `python -m bench.generate` first.")
        self.busy = User.objects.get(pk=busiest["user"])
        self.grants = busiest["grants"]
        self.municipality = self.busy.role_assignments.get(role=Role.METHODIST).municipality
        self.cases = {model: CaseSubjects(model, self.municipality) for model in (IndividualRoute, Material)}
        # People with a handful of tasks, to show the query count does not follow the rows.
        human = Task.objects.filter(flow_task_type="HUMAN")
        owner = (human.filter(status=STATUS.ASSIGNED, owner__isnull=False).values("owner")
                 .annotate(tasks=Count("id")).filter(tasks__lte=3).order_by("owner").first())
        self.few_mine = User.objects.get(pk=owner["owner"])
        self.few_queue = self.queue_holder(human.filter(status=STATUS.NEW, owner_permission__isnull=False))
        # Another methodist, for the start page's statements: an overseer's page has the counts of their scope.
        self.other_methodist = (User.objects.filter(role_assignments__role=Role.METHODIST).exclude(pk=self.busy.pk)
                                .order_by("pk").first())
        self.counts = {
            "tasks": Task.objects.count(),
            "routes": IndividualRoute.objects.count(),
            "materials": Material.objects.count(),
            "users": User.objects.count(),
            "object permissions": UserObjectPermission.objects.count(),
            "task queue entries": QueueEntry.objects.count(),
        }
        self.open_tasks = Task.objects.filter(Q(status=STATUS.NEW) | Q(status=STATUS.ASSIGNED),
                                              flow_task_type="HUMAN").count()


class CaseSubjects:
    """Cases of one kind in the busy methodist's municipality: the longest timeline and the shortest one at
    the same step (so both pages offer the same actions), and how many cases each status has."""

    def __init__(self, model, municipality):
        from django.db.models import Count

        from workflows.models import CaseEvent

        cases = model.objects.filter(municipality=municipality, process__isnull=False)
        if not cases.exists():
            raise SystemExit(f"No {model._meta.verbose_name_plural} in the database: run `python -m bench.generate`.")

        def timeline(candidates, order: str) -> tuple:
            found = (CaseEvent.objects.filter(process__in=candidates.values("process")).values("process")
                     .annotate(events=Count("id")).order_by(order, "process").first())
            return cases.get(process_id=found["process"]), found["events"]

        self.long_case, self.long_events = timeline(cases, "-events")
        self.short_case, self.short_events = timeline(
            cases.filter(status=self.long_case.status, current_step=self.long_case.current_step), "events")
        self.statuses = dict(model.objects.filter(municipality=municipality).values_list("status")
                             .annotate(n=Count("id")))
        self.busiest_status = max(self.statuses, key=self.statuses.get)
        self.rarest_status = min(self.statuses, key=self.statuses.get)


def page_figures(subjects: Subjects, args) -> list[Figure]:
    from django.test import Client
    from viewflow.workflow.models import Task

    def client_for(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    api_clients: dict[int, Client] = {}

    def api_client_for(user) -> Client:
        # One token a person: each new one revokes the oldest beyond API_TOKENS_PER_PERSON, and every
        # register's plan asks for the busy methodist's client.
        from accounts.tokens import issue_token

        if user.pk not in api_clients:
            token, _expires_at = issue_token(user)
            api_clients[user.pk] = Client(HTTP_AUTHORIZATION=f"Token {token}")
        return api_clients[user.pk]

    busy = client_for(subjects.busy)
    busy_api = api_client_for(subjects.busy)
    few_mine, few_queue = client_for(subjects.few_mine), client_for(subjects.few_queue)
    routes, materials = subjects.cases.values()

    def marked(mark: str):
        return lambda response: response.content.decode().count(f'data-testid="{mark}"')

    def events(response) -> int:
        return response.content.decode().count('data-testid="event"')

    plan = [
        ("Start page", "/cabinet/", busy, client_for(subjects.other_methodist), "/cabinet/",
         subjects.other_methodist.username, marked("task-row")),
        ("Inbox (mine and claimable)", "/tasks/", busy, few_queue, "/tasks/", subjects.few_queue.username,
         marked("task-row")),
        ("My tasks", "/tasks/mine/", busy, few_mine, "/tasks/mine/", subjects.few_mine.username, marked("task-row")),
        ("Claimable tasks", "/tasks/queue/", busy, few_queue, "/tasks/queue/", subjects.few_queue.username,
         marked("task-row")),
        ("Municipal route list", f"/routes/?status={routes.busiest_status}", busy, busy,
         f"/routes/?status={routes.rarest_status}", f"status={routes.rarest_status}", marked("route-row")),
        ("Route page with timeline", routes.long_case.get_absolute_url(), busy, busy,
         routes.short_case.get_absolute_url(), f"{routes.short_events} events", events),
        ("Municipal material list", f"/materials/?status={materials.busiest_status}", busy, busy,
         f"/materials/?status={materials.rarest_status}", f"status={materials.rarest_status}",
         marked("material-row")),
        ("Material page w. timeline", materials.long_case.get_absolute_url(), busy, busy,
         materials.short_case.get_absolute_url(), f"{materials.short_events} events", events),
        ("GET /api/tasks/", "/api/tasks/", busy_api, api_client_for(subjects.few_queue), "/api/tasks/",
         subjects.few_queue.username, lambda response: len(json.loads(response.content)["results"])),
    ]
    plan += site_plan(subjects, client_for, api_client_for)
    plan += workplan_plan(subjects, client_for, api_client_for)
    plan += association_plan(subjects, client_for, api_client_for)
    plan += event_plan(subjects, client_for, api_client_for)
    plan += course_plan(subjects, client_for, api_client_for)
    plan += visit_plan(subjects, client_for, api_client_for)

    def inbox():
        return list(Task.objects.filter(owner=subjects.busy).select_related("process")[:50])

    figures = []
    for name, path, client, small_client, small_path, small_label, rows in plan:
        def request(client=client, path=path):
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path}: HTTP {response.status_code}")
            return response

        figure = Figure(name, path, small=small_label)
        if name in VERSUS_INBOX:
            samples, bare = timed_against(request, inbox, args.requests, args.warmup)
            figure.bare_p95_ms = percentile(bare, 0.95)
        else:
            samples = timed(request, args.requests, args.warmup)
        figure.median_ms, figure.p95_ms = statistics.median(samples), percentile(samples, 0.95)
        figure.queries = count_queries(request)
        figure.queries_small = count_queries(lambda: request(small_client, small_path))
        figure.rows = rows(request())
        figures.append(figure)
        print(f"  {name:<26} p95 {figure.p95_ms:7.1f} ms"
              + (f" (bare inbox query in turn: {figure.bare_p95_ms:.1f} ms)" if figure.bare_p95_ms else ""), flush=True)

    figure = Figure("Bare Viewflow inbox query", "Task.objects.filter(owner=…).select_related('process')[:50]")
    samples = timed(inbox, args.requests, args.warmup)
    figure.median_ms, figure.p95_ms = statistics.median(samples), percentile(samples, 0.95)
    figure.queries = count_queries(inbox)
    figure.rows = len(inbox())
    figures.append(figure)
    return figures


# Throughput of the flow engine


# Report


# Prefetches a list page may skip when its few rows need none: the owners of tasks, and the cases of a kind
# (routes, materials) that is not among the rows.
PREFETCHES = 2


def sql_constant(figure: Figure) -> bool:
    """The statement count does not follow the rows: the few-rows page's, give or take the prefetches either
    page may skip (an N+1 would add one statement per row)."""
    return abs(figure.queries - figure.queries_small) <= PREFETCHES


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def report(subjects: Subjects, figures: list[Figure], engine: dict, baseline: dict | None, args) -> dict:
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    inbox = figures[-1]
    print()
    print(f"Methodflow benchmark: {subjects.counts['tasks']:,} Viewflow task rows ({subjects.open_tasks:,} open human "
          f"tasks), {subjects.counts['routes']:,} routes, {subjects.counts['materials']:,} materials, {subjects.counts['users']:,} users, "
          f"{subjects.counts['object permissions']:,} object permissions, "
          f"{subjects.counts['task queue entries']:,} task queue entries")
    print(f"PostgreSQL {server.split()[0]}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"DEBUG={settings.DEBUG}; {args.requests} requests each after {args.warmup} warm-up; as "
          f"{subjects.busy.username} ({subjects.grants:,} object permissions)")
    load = os.getloadavg()[0]
    print(f"Load average {args.load_before:.2f} before the run, {load:.2f} after"
          + (" — other work shared the CPUs, figures are pessimistic" if max(args.load_before, load) > 1.5 else ""))
    print()
    header = f"{'':<26} {'rows':>5} {'median':>8} {'p95':>8} {'SQL':>4} {'SQL*':>5}  targets"
    print(header)
    print("-" * len(header))
    baseline_p95 = {row["name"]: row["p95_ms"] for row in (baseline or {}).get("figures", [])}
    baseline_sql = {row["name"]: row["queries"] for row in (baseline or {}).get("figures", [])}
    for figure in figures:
        verdicts = []
        if figure is not inbox:
            verdicts.append(f"p95 ≤ {TARGET_P95_MS:.0f} ms {verdict(figure.p95_ms <= TARGET_P95_MS)}")
            verdicts.append(f"SQL constant {verdict(sql_constant(figure))}"
                            + (f" ({baseline_sql[figure.name]} at baseline)" if figure.name in baseline_sql else ""))
        if figure.name in VERSUS_INBOX:
            ratio = figure.p95_ms / (figure.bare_p95_ms or inbox.p95_ms)
            verdicts.append(f"≤ {TARGET_API_VS_INBOX:.0f}× bare inbox: {ratio:.1f}× {verdict(ratio <= TARGET_API_VS_INBOX)}"
                            + (f" (its p95 in turn {figure.bare_p95_ms:.1f} ms)" if figure.bare_p95_ms else ""))
        if figure.name in baseline_p95:
            growth = figure.p95_ms / baseline_p95[figure.name]
            verdicts.append(f"p95 vs baseline {growth:.2f}× {verdict(growth <= TARGET_GROWTH)}"
                            if figure is not inbox else f"p95 vs baseline {growth:.2f}×")
        figure.verdicts = verdicts
        small = "" if figure.queries_small is None else str(figure.queries_small)
        print(f"{figure.name:<26} {figure.rows if figure.rows is not None else '':>5} {figure.median_ms:7.1f}  "
              f"{figure.p95_ms:7.1f}  {figure.queries:>4} {small:>5}  {'; '.join(verdicts)}")
    print("  (ms; SQL: statements of one request; SQL*: the same for a subject with few rows: "
          + ", ".join(f"{figure.name.lower()}: {figure.small}" for figure in figures if figure.small) + ";")
    print(f"   SQL constant: within {PREFETCHES} of SQL*, as a prefetch with nothing to read is skipped)")
    print()
    ratio = engine["ratio"]
    print(f"{'ИОМ lifecycle (routes.services, draft → closed)':<52} {engine['route_per_s']:7.1f} /s  "
          f"{engine['route_sql']:>4} SQL statements")
    print(f"{'Bare Viewflow flow (start, 3 approvals, end)':<52} {engine['bare_per_s']:7.1f} /s  "
          f"{engine['bare_sql']:>4} SQL statements")
    print(f"{'Throughput ratio':<52} {ratio:7.0%}     target ≥ {TARGET_THROUGHPUT_RATIO:.0%} "
          f"{verdict(ratio >= TARGET_THROUGHPUT_RATIO)}")
    if baseline:
        print(f"(baseline: {baseline['counts']['tasks']:,} task rows; p95 growth target ≤ {TARGET_GROWTH:.0f}×)")
    return {"counts": subjects.counts, "open_tasks": subjects.open_tasks, "server": server,
            "load": [args.load_before, load],
            "figures": [asdict(figure) for figure in figures], "engine": engine}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.load_before = os.getloadavg()[0]
    setup_django()
    from django.conf import settings

    if settings.DEBUG:
        print("warning: DEBUG is on; figures are meaningful with DEBUG off", file=sys.stderr)
    baseline = None
    if args.baseline and os.path.exists(args.baseline):
        with open(args.baseline) as source:
            baseline = json.load(source)
    print("Finding the subjects…", flush=True)
    subjects = Subjects()
    print("Pages and endpoints:", flush=True)
    figures = page_figures(subjects, args)
    print("Flow engine throughput…", flush=True)
    engine = engine_figures(args)
    result = report(subjects, figures, engine, baseline, args)
    if args.save:
        os.makedirs(os.path.dirname(os.path.abspath(args.save)), exist_ok=True)
        with open(args.save, "w") as target:
            json.dump(result, target, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
