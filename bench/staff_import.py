"""The staff import at its regional size, for `make bench`: a file of 5 000 people of one generated
municipality (`accounts.staff_import_sample`), imported by its methodist in one transaction, then the same file
again (nothing to change), each timed, with the target of the issue: under a minute. Everything is rolled back.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.staff_import --rows 5000
"""
from __future__ import annotations

import argparse
import os
import time

TARGET_SECONDS = 60.0


class RolledBack(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import transaction

    from accounts.models import Role, RoleAssignment
    from accounts.staff_import import PEOPLE, import_staff
    from accounts.staff_import_sample import build_staff_file

    methodist = (RoleAssignment.objects.filter(role=Role.METHODIST, municipality__isnull=False)
                 .select_related("user", "municipality").order_by("pk").first())
    if methodist is None:
        raise SystemExit("No methodist in the database: run `python -m bench.generate` first.")
    municipality = methodist.municipality
    content = build_staff_file(args.rows, municipality)
    figures = []
    try:
        with transaction.atomic():
            for label in ("first import", "the same file again"):
                started = time.perf_counter()
                report = import_staff(methodist.user, PEOPLE, content, "staff.xlsx", municipality=municipality,
                                      dry_run=False)
                figures.append((label, time.perf_counter() - started, report))
                if not report.ok:
                    raise SystemExit(f"The sample file has errors: {report.errors[:5]}")
            raise RolledBack
    except RolledBack:
        pass
    print(f"Staff import: {args.rows:,} people into {municipality} by its methodist (one transaction each, "
          f"rolled back)")
    for label, seconds, report in figures:
        verdict = "ok" if seconds <= TARGET_SECONDS else "MISSED"
        print(f"  {label:<22} {seconds:7.1f} s  created {report.created:,}, updated {report.updated:,}, "
              f"unchanged {report.skipped:,}   target ≤ {TARGET_SECONDS:.0f} s {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
