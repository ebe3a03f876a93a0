"""The site's sign-in and password reset pages, with the lockout and the reset limit of `throttling`."""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth import password_validation, views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from viewflow.contrib.auth import AuthenticationForm

from .throttling import PasswordResetLimit, lockout_message


class LoginForm(AuthenticationForm):
    """Viewflow's sign-in form; while the account or the address is locked out, the error next to the
    form says so and when to try again, instead of blaming the password."""

    def clean(self) -> dict:
        try:
            return super().clean()
        except ValidationError:
            if not getattr(self.request, "axes_locked_out", False):
                raise
            self.request.lockout_explained = True  # the lockout answer keeps this page (throttling)
            raise ValidationError(lockout_message(self.request, self.cleaned_data.get("username")),
                                  code="locked_out") from None


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, sending at most a few e-mails per address and per e-mail address an hour;
    over the limit the error next to the field says when to try again (429)."""

    def form_valid(self, form) -> HttpResponse:
        limit = PasswordResetLimit(self.request, form.cleaned_data["email"])
        refusal = limit.refusal()
        if refusal:
            form.add_error("email", refusal)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        limit.count()
        return super().form_valid(form)

    @property
    def extra_email_context(self) -> dict:
        # The e-mail's link names the site's public address, not the Host header the request brought.
        return {"site_url": settings.SITE_URL.rstrip("/")}


class NewPasswordForm(SetPasswordForm):
    """Django's form for the new password after a reset. Viewflow's field shows its hint as plain text, so the
    validators' rules are one sentence each instead of Django's HTML list."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = " ".join(password_validation.password_validators_help_texts())
