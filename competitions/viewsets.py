"""The «Конкурсы» section: competitions and their set-up, the entries and their admission."""
from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.viewsets import CaseworkApp

from . import entries_views, setup_views


class CompetitionsApp(CaseworkApp):
    """Professional competitions: set-up by the committee, nominations, admission."""

    title = _("Competitions")
    icon = "emoji_events"
    app_name = "competitions"

    urlpatterns = [
        path("", setup_views.CompetitionListView.as_view(), name="index"),
        path("new/", setup_views.CompetitionEditView.as_view(), name="create"),
        path("<int:pk>/", setup_views.CompetitionDetailView.as_view(), name="competition"),
        path("<int:pk>/edit/", setup_views.CompetitionEditView.as_view(), name="edit"),
        path("<int:pk>/open/", setup_views.OpenNominationsView.as_view(), name="open"),
        path("<int:pk>/rounds/new/", setup_views.RoundEditView.as_view(), name="round_create"),
        path("<int:pk>/rounds/<int:round_pk>/", setup_views.RoundEditView.as_view(), name="round_edit"),
        path("entries/", entries_views.EntryListView.as_view(), name="entries"),
        path("entries/new/", entries_views.EntryEditView.as_view(), name="entry_create"),
        path("entries/<int:pk>/", entries_views.EntryDetailView.as_view(), name="entry"),
        path("entries/<int:pk>/edit/", entries_views.EntryEditView.as_view(), name="entry_edit"),
        path("entries/<int:pk>/<slug:action>/", entries_views.EntryActionView.as_view(), name="entry_action"),
    ]
