"""API tokens: exchange a password for a token, revoke one or all; who am I."""
from django.urls import path

from .api import LogoutAllView, LogoutView, TokenView
from .api_import import StaffImportView
from .api_people import MeView

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("auth/logout/", LogoutView.as_view(), name="logout"),
    path("auth/logout-all/", LogoutAllView.as_view(), name="logout-all"),
    path("me/", MeView.as_view(), name="me"),
    path("people/import/", StaffImportView.as_view(), name="staff-import"),
]
