from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Further training courses (КПК): providers, completions per teacher, the schools' course needs and the
    municipality's course plan, post-course support."""

    name = "courses"
    verbose_name = _("Courses")
    site_sections = ["courses.viewsets.CoursesApp"]
    api_routes = [("course-providers", "courses.api.ProviderViewSet", "course-provider"),
                  ("courses", "courses.api.CourseViewSet", "course"),
                  ("course-completions", "courses.api.CompletionViewSet", "course-completion"),
                  ("course-needs", "courses.api_planning.NeedViewSet", "course-need"),
                  ("course-plans", "courses.api_planning.PlanViewSet", "course-plan")]

    def ready(self) -> None:
        from . import rules  # noqa: F401  who reads and enters completions, needs and plans
        from . import signals  # noqa: F401  a changed completion drops its municipality's cached share
