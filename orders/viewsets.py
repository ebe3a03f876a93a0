from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import views


class OrdersApp(CaseworkApp):
    """The department's journal of orders: drafts, signing, corrections, the print form."""

    title = _("Orders")
    icon = "gavel"

    urlpatterns = [
        path("", views.JournalView.as_view(), name="index"),
        path("new/", views.OrderEditView.as_view(), name="create"),
        path("<int:pk>/", views.OrderDetailView.as_view(), name="detail"),
        path("<int:pk>/edit/", views.OrderEditView.as_view(), name="edit"),
        path("<int:pk>/sign/", views.SignView.as_view(), name="sign"),
        path("<int:pk>/correct/", views.CorrectView.as_view(), name="correct"),
        path("<int:pk>/pdf/", views.OrderPdfView.as_view(), name="pdf"),
    ]
