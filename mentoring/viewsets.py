from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import views


class MentoringApp(CaseworkApp):
    """Mentoring pairs: the organisation's pairs, proposing them, the director's order, the end of a term."""

    app_name = "mentoring"
    title = _("Mentoring")
    icon = "diversity_3"

    urlpatterns = [
        path("", views.PairListView.as_view(), name="index"),
        path("new/", views.ProposeView.as_view(), name="propose"),
        path("order/", views.IssueOrderView.as_view(), name="issue"),
        path("<int:pk>/", views.PairView.as_view(), name="pair"),
        path("<int:pk>/end/", views.EndView.as_view(), name="end"),
    ]
