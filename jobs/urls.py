"""The pages of the jobs a person started (jobs.views)."""
from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("jobs/<int:pk>/", views.job_page, name="detail"),
    path("jobs/<int:pk>/upload/", views.job_file, {"which": "upload"}, name="upload"),
    path("jobs/<int:pk>/result/", views.job_file, {"which": "result"}, name="result"),
]
