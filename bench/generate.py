"""A synthetic region at scale, written straight into PostgreSQL with COPY.

    DJANGO_SETTINGS_MODULE=config.settings python -m bench.generate --tasks 1000000

Municipalities with their methodical centres and departments (the first is the regional centre, with
`--centre-share` of the schools), schools with teachers, mentors, a methodical lead and a director,
role assignments and the guardian grants that mirror them (`accounts.grants`), review chains
(`workflows.chains`; every fifth municipality, the first among them, adds the municipal methodist as in
the demo's Tyumen), experts of each municipality (teachers of its schools), and individual routes (ИОМ)
and methodical materials under expertise over `--years` of history with their Viewflow processes and
tasks, timelines, history records and notifications; `--material-share` of the task rows come from
materials (`bench.materials`).

No route passes through the flow engine: each one is simulated here node by node as
`routes.flows.IndividualRouteFlow` would run it (submission, agreement steps with returns, rejections
and overdue escalations, implementation with activities, amendments and the methodist's comments,
the final report, evaluation, closing), and its rows are written as the engine writes them: the same
`flow_task` references, task types and statuses, queue permissions and their objects, task data
(`step`, `step_title`, `due_at`), `previous` links, timer tasks. A route's lifecycle is cut at the
moment of generation, so the routes of the last months are left at every step: drafts, queue tasks
(NEW), claimed and named reviews (ASSIGNED), returns, implementation, evaluation; older ones are closed
or rejected, and a few stalled at a step for good.

One busy methodist (the first methodist of the first municipality) holds `--grants` object permissions:
their own role grant plus synthetic `act_as_…` grants on the organisations and municipalities of the
region, so that Viewflow's queue compares tasks against a long list of grants (and offers them the
agreement and evaluation steps of most schools); they have taken `--inbox` tasks of that queue.

Materials are simulated the same way, as `materials.flows.MaterialFlow` runs them
(`bench.materials.MaterialLife`): completeness checks with returns and rejections, experts assigned,
parallel reviews with declines and replacements and a further expert when the scores diverge, the
methodist's decision, revisions reviewed again by the same experts, publication in the bank.

Deterministic: the same arguments with the same `--today` give the same rows. Refuses a database that already
holds cases or tasks: generate into a fresh, migrated database (`make bench` does).
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from .clock import Clock
from .courses import CourseRegion
from .region import Region
from .events import EventRegion
from .associations import AssociationRegion
from .sites import SiteRegion
from .workplan import WorkPlanRegion
from .visits import VisitRegion


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipalities", type=int, default=20)
    parser.add_argument("--teachers", type=int, default=50_000)
    parser.add_argument("--organisations", type=int, default=None,
                        help="schools in the region (default: one per 25 teachers)")
    parser.add_argument("--years", type=int, default=3, help="years of history")
    parser.add_argument("--tasks", type=int, default=1_000_000,
                        help="Viewflow task rows to reach (cases are added until there are at least this many)")
    parser.add_argument("--material-share", type=float, default=0.25,
                        help="share of the task rows that come from materials under expertise, the rest from routes")
    parser.add_argument("--grants", type=int, default=10_000, help="object permissions of the busy methodist")
    parser.add_argument("--centre-share", type=float, default=0.25,
                        help="share of the schools in the first municipality, the regional centre")
    parser.add_argument("--inbox", type=int, default=20,
                        help="queue tasks the busy methodist has taken, at least (from their queue)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=None,
                        help="generate as of 09:00 UTC of this date (YYYY-MM-DD; default: now)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection
    from viewflow.workflow.models import Task

    from routes.models import IndividualRoute
    from materials.models import Material
    from workflows.queue import rebuild as rebuild_task_queue

    if connection.vendor != "postgresql":
        print("bench.generate writes with PostgreSQL's COPY: set DATABASE_URL to a PostgreSQL database.",
              file=sys.stderr)
        return 2
    if IndividualRoute.objects.exists() or Material.objects.exists() or Task.objects.exists():
        print("The database already holds cases or tasks: generate into a fresh, migrated database.",
              file=sys.stderr)
        return 2
    print(f"Generating a region: {args.municipalities} municipalities, {args.teachers:,} teachers, "
          f"{args.years} years, ≥ {args.tasks:,} task rows, {args.grants:,} grants of the busy methodist, "
          f"seed {args.seed}", flush=True)
    clock = Clock()
    region = Region(args)
    region.build_places()
    clock.lap("municipalities, organisations, chains (ORM)")
    region.build_people()
    clock.lap("people, role assignments, grants (in memory)")
    region.prepare_flow()
    region.simulate()
    inbox = region.fill_busy_inbox()
    clock.lap(f"{len(region.routes.rows):,} routes, {len(region.materials.rows):,} materials simulated (in memory); "
              f"busy inbox {inbox}")
    print(f"  task rows from materials: {region.material_task_rows:,} of {len(region.tasks.rows):,}", flush=True)
    region.finish_ids()
    clock.lap("ids in the order things happened")
    written = region.write(clock)
    written.update(SiteRegion(region).generate(clock))
    written.update(WorkPlanRegion(region).generate(clock))
    written.update(AssociationRegion(region).generate(clock))
    written.update(EventRegion(region).generate(clock))
    written.update(CourseRegion(region).generate(clock))
    written.update(VisitRegion(region).generate(clock))
    written["task queue entries"] = rebuild_task_queue()
    clock.lap("task queue per person (workflows.queue)")
    region.analyze()
    clock.lap("VACUUM ANALYZE")
    busy = region.models["User"].objects.get(pk=region.busy)
    print(f"Done in {clock.total:.0f} s. Busy methodist: {busy.username} "
          f"({region.models['UserObjectPermission'].objects.filter(user=busy).count():,} object permissions).")
    print("Rows:")
    for label, count in written.items():
        print(f"  {label:<32} {count:>10,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
