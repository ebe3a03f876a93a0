from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.generic import TemplateView

from .grants import memberships
from .models import RoleAssignment


def start_panels(request) -> list[dict]:
    """The panels the apps put on the start page: each app's AppConfig may name, as `start_panels`, a function
    of the request returning panels (dicts with the `template` that shows them), in the order of the apps."""
    found = []
    for app_config in apps.get_app_configs():
        if dotted := getattr(app_config, "start_panels", None):
            found.extend(import_string(dotted)(request))
    return found


class HomeView(TemplateView):
    """The start page: what waits for me, my cases, the counts of my scope (from the apps' `start_panels`),
    and who I am with my roles."""

    template_name = "accounts/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        assignments = (
            RoleAssignment.objects.filter(user=self.request.user)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
            .select_related("organisation", "municipality", "region", "association")
            .order_by("valid_from", "role")
        )
        assignments = [*assignments, *memberships(self.request.user, today)]
        context["person"] = self.request.user
        context["current_roles"] = [a for a in assignments if a.is_active(today)]
        context["upcoming_roles"] = [a for a in assignments if not a.is_active(today)]
        context["today"] = today
        context["panels"] = start_panels(self.request)
        return context
