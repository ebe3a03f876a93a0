"""The public bank of practices: no login, published materials only."""
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from .bank_views import PracticeBankView, PracticeFileView, PracticeView

urlpatterns = [
    path("bank/", login_not_required(PracticeBankView.as_view()), name="bank"),
    path("bank/<int:pk>/", login_not_required(PracticeView.as_view()), name="practice"),
    path("bank/<int:pk>/files/<int:file_pk>/", login_not_required(PracticeFileView.as_view()), name="practice-file"),
]
