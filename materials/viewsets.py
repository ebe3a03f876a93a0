from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import views


class MaterialsApp(CaseworkApp):
    """Expertise of methodical materials."""

    title = _("Methodical materials")
    icon = "library_books"
    app_name = "materials"

    index_path = path("", views.MaterialListView.as_view(), name="index")
    create_path = path("new/", views.MaterialEditView.as_view(), name="create")
    detail_path = path("<int:pk>/", views.MaterialDetailView.as_view(), name="detail")
    edit_path = path("<int:pk>/edit/", views.MaterialEditView.as_view(), name="edit")
    certificate_path = path("<int:pk>/certificate/", views.MaterialCertificateView.as_view(),
                            name="certificate")
    action_path = path("<int:pk>/<slug:action>/", views.MaterialActionView.as_view(), name="action")
