from django.db.models import Q
from django.utils import timezone
from django.views.generic import TemplateView

from .grants import memberships
from .models import RoleAssignment


class HomeView(TemplateView):
    """The signed-in person, their roles and the scope of each."""

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
        return context
