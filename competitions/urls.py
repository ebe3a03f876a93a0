"""The jury's and the results' pages: a juror's scoring sheet, a competition's results with the committee's
actions and the protocol, the register of participants — and the public results (no login)."""
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import jury_pages, participants, public, results_pages

app_name = "results"
urlpatterns = [
    path("jury/rounds/<int:pk>/", jury_pages.ScoreSheetView.as_view(), name="sheet"),
    path("competition-results/<int:pk>/", results_pages.competition_results, name="competition"),
    path("competition-results/<int:pk>/protocol/", results_pages.protocol_page, name="protocol"),
    path("competition-results/<int:pk>/protocol.pdf", results_pages.protocol_pdf, name="protocol-pdf"),
    path("competition-results/rounds/<int:pk>/open/", results_pages.open_round_page, name="open-round"),
    path("competition-results/rounds/<int:pk>/close/", results_pages.close_round_page, name="close-round"),
    path("competition-results/entries/<int:pk>/forward/", results_pages.forward_page, name="forward"),
    path("competition-participants/", participants.participants_page, name="participants"),
    path("results/", login_not_required(public.public_index), name="public-index"),
    path("results/<int:pk>/", login_not_required(public.public_competition), name="public"),
]
