"""Signing in and out, password reset: Viewflow's auth pages with the lockout and the reset limit; the staff import."""
from django.contrib.auth import views as auth_views
from django.urls import path
from viewflow.contrib.auth import AuthViewset

from . import signin, views_import

urlpatterns = [
    path(
        "accounts/",
        AuthViewset(
            with_profile_view=False,
            # The lockout after repeated failures and the limit on reset e-mails (accounts.throttling).
            login_view=signin.LoginView.as_view(),
            pass_reset_view=signin.PasswordResetView.as_view(),
            pass_reset_confirm_view=auth_views.PasswordResetConfirmView.as_view(form_class=signin.NewPasswordForm),
        ).urls,
    ),
    path("people/import/", views_import.StaffImportView.as_view(), name="staff-import"),
    path("people/import/confirm/", views_import.ConfirmStaffImportView.as_view(), name="staff-import-confirm"),
    path("people/import/template/<slug:kind>.xlsx", views_import.staff_template, name="staff-import-template"),
]
