from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp, case_paths

from . import views


class MaterialsApp(CaseworkApp):
    title = _("Methodical materials")
    icon = "library_books"

    urlpatterns = case_paths(
        index=views.MaterialListView, edit=views.MaterialEditView, detail=views.MaterialDetailView,
        action=views.MaterialActionView, extra=(
            path("<int:pk>/certificate/", views.MaterialCertificateView.as_view(), name="certificate"),
        ))
