"""The indicators a plan item may serve, from the seeds' indicator lists, until issue 18 brings indicators
as data: the code names the seed and the item (`000-m8`: Tomsk [000], municipal level, item 8)."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Indicator(models.TextChoices):
    # Tomsk self-assessment [000:238-304]
    METHODISTS_RETRAINED = "000-m4", _("Share of methodists retrained at least once in 5 years")
    MONITORING_COVERAGE = "000-m6", _("Share of organisations covered by monitoring")
    METHODIST_MEETINGS = "000-f6", _("Methodists involving teachers in methodical support")
    TEACHERS_COVERED = "000-f7", _("Share of teachers covered by methodical events")
    EVENTS_A_YEAR = "000-f8", _("Number of methodical events a year")
    NEW_TECHNOLOGIES = "000-f10", _("Teachers introducing new technologies, forms and methods")
    TALENTS = "000-f13", _("Share of children 5–18 in events for talents")
    # Slavyansk §6 [002:223-232]
    DIAGNOSTICS = "002-1", _("Share of teachers who took a diagnostics of deficits")
    COURSES = "002-3", _("Share of teachers with professional development courses a year")
    YOUNG_TEACHERS = "002-4", _("Share of young teachers with methodical support")
    ASSOCIATIONS = "002-5", _("District associations and their meetings")
    EXPERIENCE = "002-7", _("Teachers who presented experience, entered a competition or the bank")
    LOW_RESULTS_VISITED = "002-8", _("Share of low-result schools visited")
    SITES = "002-9", _("Share of organisations with a site status")
