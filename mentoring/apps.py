from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    """Mentoring pairs of an organisation, set by the director's order and ended with an evaluation."""

    name = "mentoring"
    verbose_name = _("Mentoring")
    site_sections = ["mentoring.viewsets.MentoringApp"]
    api_routes = [("mentorships", "mentoring.api.MentorshipViewSet", "mentorship")]
    start_panels = "mentoring.start.panels"  # the pairs I am the mentor or the mentee of

    def ready(self) -> None:
        from orders.signals import order_signed

        from . import receivers, rules  # noqa: F401  who sets, reads and ends pairs
        order_signed.connect(receivers.activate_pairs, dispatch_uid="mentoring.activate_pairs")
