"""API tokens: exchange a password for a token, revoke one or all."""
from django.urls import path

from .api import LogoutAllView, LogoutView, TokenView

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("auth/logout/", LogoutView.as_view(), name="logout"),
    path("auth/logout-all/", LogoutAllView.as_view(), name="logout-all"),
]
