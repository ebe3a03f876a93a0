from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Further training courses (КПК): providers, completions per teacher, the schools' course needs and the
    municipality's course plan, post-course support."""

    name = "courses"
    verbose_name = _("Courses")
