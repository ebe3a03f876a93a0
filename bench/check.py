"""Check that a generated region is one the product can work on, then leave it as it was.

    python -m bench.check [--routes 5] [--materials 5]

For every open state a route can be in, takes a few generated routes and does their next step through
`routes.services` as the person the step belongs to (a reviewer holding the queue permission, the
author): agreement and amendment steps are approved, returned routes resubmitted, activities recorded
and reports sent, results evaluated. Likewise for materials through `materials.services`:
completeness checks accepted, returned materials and revisions sent back, experts assigned, reviews
submitted, declined experts replaced, decisions published; and the sites' applications at each open
step and their annual reports (`bench.site_check`). Also checks the rows the engine relies on:
one open human task per running route; for a running material one, or during parallel expertise one
per pending expert (and a replacement task per declined expert not yet replaced), each expert's task
naming their assignment; queue tasks with a permission and its object. Everything runs in one
transaction that is rolled back (uploaded files go to a temporary directory). Exit status 1 if
anything does not hold.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile

from .site_check import site_steps


class Rollback(Exception):
    pass


class NotHere(Exception):
    """The step cannot be done in this region (a small one may have no expert left free of conflict): a note,
    not a problem of the product."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--routes", type=int, default=5, help="routes to move on per state")
    parser.add_argument("--materials", type=int, default=5, help="materials to move on per open step")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    with tempfile.TemporaryDirectory(prefix="bench-check-media-") as media:
        os.environ["MEDIA_ROOT"] = media
        import django

        django.setup()
        return check(args)


def check(args: argparse.Namespace) -> int:
    from django.db import transaction

    problems = route_row_problems() + material_row_problems()
    moved: dict[tuple[str, str, str], int] = {}
    try:
        with transaction.atomic():
            move_routes(args.routes, moved, problems)
            move_materials(args.materials, moved, problems)
            move_steps("site", site_steps(reviewer), args.materials, moved, problems)
            raise Rollback
    except Rollback:
        pass
    for (kind, before, after), count in sorted(moved.items()):
        print(f"  {count} × {kind} {before} → {after}")
    if problems:
        print("Problems:", *problems, sep="\n  ")
        return 1
    print("The generated region works with the product's services (changes rolled back).")
    return 0


def open_human_tasks():
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    return Task.objects.filter(flow_task_type="HUMAN", status__in=[STATUS.NEW, STATUS.ASSIGNED])


def route_row_problems() -> list[str]:
    from django.db.models import Count, Q
    from viewflow.workflow.status import STATUS

    from routes.models import IndividualRoute

    Status = IndividualRoute.Status
    problems = []
    if not IndividualRoute.objects.filter(process__isnull=False).exists():
        problems.append("no submitted routes: run `python -m bench.generate` first")
    running = IndividualRoute.objects.exclude(status__in=[Status.DRAFT, Status.CLOSED, Status.REJECTED])
    processes = running.values("process_id")
    per_process = dict(open_human_tasks().filter(process_id__in=processes).values_list("process")
                       .annotate(n=Count("id")))
    without_task = running.exclude(process_id__in=list(per_process)).count()
    if without_task:
        problems.append(f"{without_task} running routes have no open human task")
    if any(count != 1 for count in per_process.values()):
        problems.append("a running route has more than one open human task")
    broken_queue = open_human_tasks().filter(status=STATUS.NEW).filter(
        Q(owner_permission__isnull=True) | Q(owner_permission_obj_pk__isnull=True)).count()
    if broken_queue:
        problems.append(f"{broken_queue} queue tasks lack a permission or its object")
    return problems


def material_row_problems() -> list[str]:
    """The open tasks of each running material match its state, and in expertise its experts of the round."""
    from materials.models import Material

    Status = Material.Status
    running = Material.objects.exclude(status__in=[Status.DRAFT, Status.PUBLISHED, Status.REJECTED])
    tasks: dict[int, list] = {}
    for task in open_human_tasks().filter(process_id__in=running.values("process_id")):
        tasks.setdefault(task.process_id, []).append(task)
    pending, declined = round_experts(running.filter(status=Status.EXPERTISE))
    problems = []
    for material in running.only("number", "status", "process_id"):
        mine = tasks.get(material.process_id, [])
        nodes = sorted(task.flow_task.name for task in mine)
        if material.status != Status.EXPERTISE:
            if len(mine) != 1:
                problems.append(f"{material.number} ({material.status}) has open tasks {nodes}, not one")
            continue
        reviews = [task.data.get("assignment") for task in mine if task.flow_task.name == "expert_review"]
        replacements = nodes.count("replace_expert")
        if not mine or replacements + len(reviews) != len(mine):
            problems.append(f"{material.number} (expertise) has open tasks {nodes}")
        elif (sorted(reviews) != sorted(pending.get(material.process_id, ()))
              or replacements != declined.get(material.process_id, 0)):
            problems.append(f"{material.number} (expertise): its open tasks do not match its experts of the round")
    return problems


def round_experts(materials) -> tuple[dict[int, set[int]], dict[int, int]]:
    """By process of each material: the assignments of the current round still to review, and how many
    experts of the round declined and are not replaced yet."""
    from django.db.models import F

    from scoring.models import ExpertAssignment

    Status = ExpertAssignment.Status
    pending: dict[int, set[int]] = {}
    declined: dict[int, int] = {}
    rows = (ExpertAssignment.objects.filter(material__in=materials, round=F("material__expertise_round"))
            .values_list("material__process_id", "pk", "status", "replacement").order_by())
    for process, assignment, status, replacement in rows:
        if status == Status.ASSIGNED:
            pending.setdefault(process, set()).add(assignment)
        elif status == Status.DECLINED and replacement is None:
            declined[process] = declined.get(process, 0) + 1
    return pending, declined


def reviewer(case, task):
    """Who acts on the task: its owner, or the first holder of its queue permission in the case's scope."""
    from accounts.models import RoleAssignment

    if task.owner_id:
        return task.owner
    codename = task.owner_permission.split(".", 1)[1].removeprefix("act_as_")
    role, scope = codename.rsplit("_in_", 1)
    return RoleAssignment.objects.holders(role, scope, getattr(case, scope)).order_by("pk").first()


def move_routes(count: int, moved: dict, problems: list[str]) -> None:
    from routes import services
    from routes.models import IndividualRoute

    Status = IndividualRoute.Status
    for status in (Status.AGREEMENT, Status.AMENDMENT, Status.RETURNED, Status.IMPLEMENTATION,
                   Status.EVALUATION, Status.REPORT_RETURNED):
        for route in IndividualRoute.objects.filter(status=status).order_by("pk")[:count]:
            task = services.current_human_task(route)
            try:
                if status in (Status.AGREEMENT, Status.AMENDMENT):
                    services.review(route, reviewer(route, task), "approve")
                elif status == Status.RETURNED:
                    services.submit(route, route.author)
                elif status == Status.EVALUATION:
                    services.evaluate(route, reviewer(route, task), "completed")
                else:
                    activity = route.activities.filter(agreed=True, done_at__isnull=True).first()
                    if activity is not None and status == Status.IMPLEMENTATION:
                        services.record_activity_done(activity, route.author,
                                                      link="https://bench.example.org/evidence")
                    services.submit_report(route, route.author, "Самоанализ", "Продукт", "Выступление")
            except Exception as error:  # noqa: BLE001  report every kind of failure with its route
                problems.append(f"{route.number} ({status}): {type(error).__name__}: {error}")
                continue
            route.refresh_from_db()
            moved[("route", status, route.status)] = moved.get(("route", status, route.status), 0) + 1


def material_steps() -> dict:
    """Each open step of a material: the materials at it, and how the step's person does it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from materials import services
    from materials.flows import MaterialFlow
    from materials.models import Material

    Status = Material.Status

    def revised(material):
        return services.revise(material, material.author, [SimpleUploadedFile("доработка.pdf", b"%PDF-1.4 bench")])

    def experts(material):
        needed = services.expertise_rules(material.municipality).experts
        task = services.active_task(material, "assign_experts")
        return services.assign_experts(material, reviewer(material, task), free_experts(material, needed))

    def replacement(material):
        task = services.active_task(material, "replace_expert")
        return services.replace_expert(material, reviewer(material, task), free_experts(material, 1)[0])

    def free_experts(material, needed: int) -> list:
        proposed = services.propose_experts(material, needed)
        if len(proposed) < needed:
            raise NotHere(f"{material.number}: fewer than {needed} experts free of conflict in the municipality")
        return proposed

    def review(material):
        task = services.active_task(material, "expert_review")
        scores = {criterion.pk: 8 for criterion in services.criteria(material.municipality)}
        return services.submit_review(material, task.owner, scores, "Рецензия: материал актуален.", "publish")

    def checked(material):
        return services.check(material, reviewer(material, services.active_task(material, "check")), "approve")

    def decided(material):
        task = services.active_task(material, "decision")
        return services.final_decision(material, reviewer(material, task), "approve")

    expertise = Material.objects.filter(status=Status.EXPERTISE)
    replacing = open_human_tasks().filter(flow_task=MaterialFlow.replace_expert).values("process_id")
    return {
        "check": (Material.objects.filter(status=Status.CHECK), checked),
        "returned": (Material.objects.filter(status=Status.RETURNED), revised),
        "expert_assignment": (Material.objects.filter(status=Status.EXPERT_ASSIGNMENT), experts),
        "expertise (review)": (expertise.exclude(process_id__in=replacing), review),
        "expertise (replacement)": (expertise.filter(process_id__in=replacing), replacement),
        "decision": (Material.objects.filter(status=Status.DECISION), decided),
        "revision": (Material.objects.filter(status=Status.REVISION), revised),
    }


def move_materials(count: int, moved: dict, problems: list[str]) -> None:
    from materials.models import Material

    if not Material.objects.filter(process__isnull=False).exists():
        problems.append("no submitted materials: run `python -m bench.generate` first")
        return
    move_steps("material", material_steps(), count, moved, problems)


def move_steps(kind: str, steps: dict, count: int, moved: dict, problems: list[str]) -> None:
    """A few cases at each open step go one step on; a step no case stands at is noted (a small region may
    have none at one)."""
    for step, (cases, act) in steps.items():
        chosen = list(cases.order_by("pk")[:count])
        if not chosen:
            print(f"  note: no {kind} stands at the step {step}")
        for case in chosen:
            try:
                act(case)
            except NotHere as reason:
                print(f"  note: {reason}")
                continue
            except Exception as error:  # noqa: BLE001  report every kind of failure with its case
                problems.append(f"{case} ({step}): {type(error).__name__}: {error}")
                continue
            case.refresh_from_db()
            moved[(kind, step, case.status)] = moved.get((kind, step, case.status), 0) + 1


if __name__ == "__main__":
    sys.exit(main())
