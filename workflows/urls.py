"""Attached files of every process: the view asks the case's permission rules, never MEDIA_ROOT by URL."""
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import files

urlpatterns = [
    path("files/<slug:kind>/<int:pk>/", login_not_required(files.download), name="download"),
]
