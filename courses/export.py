"""The courses' registers as XLSX workbooks: the rows the page's filters select, with Russian headers."""
from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from workflows.xlsx import workbook_bytes

from .models import CourseCompletion, CourseNeed, CoursePlan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def completions_xlsx(completions: Iterable[CourseCompletion]) -> bytes:
    headers = [_("Municipality"), _("Organisation"), _("Teacher"), _("Provider"), _("Kind of provider"),
               _("Programme"), _("Hours"), _("Focus"), _("From"), _("Until"), _("Certificate number")]
    rows = ([completion.municipality.name, completion.organisation.short_name, str(completion.person),
             completion.course.provider.short_name, completion.course.provider.get_kind_display(),
             completion.course.title, completion.course.hours, completion.course.get_focus_display(),
             completion.starts_on, completion.ends_on, completion.certificate_number]
            for completion in completions)
    return workbook_bytes(_("Course completions"), headers, rows, date_columns=(9, 10))


def needs_xlsx(needs: Iterable[CourseNeed]) -> bytes:
    headers = [_("Municipality"), _("Organisation"), _("Year"), _("Focus"), _("Topic"), _("Number of teachers"),
               _("Named teachers"), _("Comment")]
    rows = ([need.municipality.name, need.organisation.short_name, need.year, need.get_focus_display(), need.topic,
             need.teachers_count, ", ".join(str(person) for person in need.people.all()), need.comment]
            for need in needs)
    return workbook_bytes(_("Course needs"), headers, rows)


def plan_xlsx(plan: CoursePlan, items: Iterable) -> bytes:
    headers = [_("Focus"), _("Topic"), _("Number of teachers"), _("Number of organisations"), _("Organisations"),
               _("Programme")]
    rows = ([item.get_focus_display(), item.topic, item.teachers_count, item.organisations_count,
             ", ".join(sorted({need.organisation.short_name for need in item.needs.all()})),
             str(item.course) if item.course else ""] for item in items)
    return workbook_bytes(_("Course plan %(year)s") % {"year": plan.year}, headers, rows)
