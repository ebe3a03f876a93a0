"""How API clients prove who they are: `Authorization: Token …` with a token of `accounts.tokens`.

django-rest-knox rather than DRF's own token: knox keeps only a hash of each token (a copy of the database
holds no usable token), gives each token an expiry, and lets a person hold several (one per integration),
each revoked on its own. This module only words its refusals in Russian and names it in the schema.
"""
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions

INVALID_TOKEN = _("The token is not valid: it has expired or been revoked. Get a new one with "
                  "POST /api/auth/token/.")


class TokenAuthentication(KnoxTokenAuthentication):
    """Knox's token check; an unknown, expired or revoked token is refused with one message, since telling
    them apart would tell a guesser which tokens once existed."""

    def authenticate_credentials(self, token: bytes):
        try:
            return super().authenticate_credentials(token)
        except exceptions.AuthenticationFailed as refused:
            raise exceptions.AuthenticationFailed(INVALID_TOKEN) from refused


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema) -> dict:
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
