"""The public pages of the register: the municipalities, and a municipality's current sites (no login)."""
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from .register_public import PublicMunicipalitiesView, PublicSitesView

urlpatterns = [
    path("sites/", login_not_required(PublicMunicipalitiesView.as_view()), name="public-sites-index"),
    path("sites/<str:code>/", login_not_required(PublicSitesView.as_view()), name="public-sites"),
]
