"""Sign-in for API clients: a token for a username and password, and revoking tokens (`accounts.tokens`).

The token endpoint shares the lockout of the login page (django-axes, `accounts.throttling`): after the
failure limit it answers 429 with a Russian `detail` and `Retry-After`, even for the right password.
"""
from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth.models import update_last_login
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


# The error body of every endpoint (the base layer, so that every app's API uses it): RFC 9457 problem
# details, `application/problem+json`, built by `workflows.api_errors.exception_handler`.

PROBLEM_MEDIA_TYPE = "application/problem+json"


class ProblemErrorSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True, help_text=gettext_lazy(
        "Where the error is: a field, with the row's index for a row of a list (`activities[0].starts_on`); "
        "null for the request as a whole."))
    code = serializers.CharField(help_text=gettext_lazy(
        "The rule broken, stable for programs: `required`, `blank`, `invalid`, `does_not_exist`, `step_done`…"))
    message = serializers.CharField(help_text=gettext_lazy("The message for a person, in Russian."))


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField(help_text=gettext_lazy("`about:blank`: the status and `code` say what happened."))
    title = serializers.CharField(help_text=gettext_lazy("The status in words."))
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text=gettext_lazy("What happened, for a person."))
    code = serializers.CharField(help_text=gettext_lazy(
        "The rule broken, stable for programs; for a 400 with one error, that error's code."))
    errors = ProblemErrorSerializer(many=True, help_text=gettext_lazy("Every error, by field (at least one)."))


DESCRIPTIONS = {
    400: gettext_lazy("Invalid data: `errors` lists each field's errors (rows of a list by index)."),
    401: gettext_lazy("Not signed in."),
    403: gettext_lazy("Not allowed to do this."),
    404: gettext_lazy("Not found, or not visible to you."),
    405: gettext_lazy("This method is not allowed here."),
    406: gettext_lazy("No answer in the media type the request accepts."),
    409: gettext_lazy(
        "The case has moved on: already submitted, or its task completed or taken by someone else."),
    413: gettext_lazy("The request body is too large."),
    415: gettext_lazy("The request body's media type is not accepted."),
    429: gettext_lazy("Too many requests; `Retry-After` says when to try again."),
}


def problem_response(code: int, description: str | None = None) -> OpenApiResponse:
    return OpenApiResponse(ProblemSerializer, description=description or DESCRIPTIONS[code])


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """OpenAPI descriptions of the errors an endpoint answers with (all in the one `Problem` shape; the schema
    hook `workflows.schema.problems_everywhere` adds the ones every operation of its kind may answer)."""
    return {code: problem_response(code) for code in codes}


from .authentication import TokenAuthentication
from .throttling import lockout_ends, retry_message, seconds_until
from .tokens import issue_token, revoke_all_tokens, revoke_token


class SignInLocked(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self, detail: str, wait: int) -> None:
        super().__init__(detail)
        self.wait = wait  # DRF's exception handler sends it as Retry-After


class TokenRequestSerializer(serializers.Serializer):
    # No username is longer (150); axes records a failed attempt's name in a 255-character column.
    username = serializers.CharField(label=gettext_lazy("Username"), max_length=150)
    password = serializers.CharField(label=gettext_lazy("Password"), style={"input_type": "password"},
                                     trim_whitespace=False, write_only=True)

    def validate(self, attrs: dict) -> dict:
        # The Django request, not DRF's wrapper: django-axes marks it, and its middleware reads the mark.
        request = self.context["request"]._request
        user = authenticate(request, username=attrs["username"], password=attrs["password"])
        if user is None and getattr(request, "axes_locked_out", False):
            request.lockout_explained = True
            ends = lockout_ends(request, attrs["username"])
            raise SignInLocked(retry_message(ends, _("Too many failed sign-in attempts.")), seconds_until(ends))
        if user is None:
            raise serializers.ValidationError(_("Wrong username or password."), code="authorization")
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=gettext_lazy("Send it as `Authorization: Token …`."))
    expires_at = serializers.DateTimeField(help_text=gettext_lazy("After this moment the token is refused."))


LOCKED = problem_response(429, gettext_lazy(
    "Too many failed sign-in attempts from this address or for this account; `Retry-After` says when to "
    "try again."))


class TokenView(APIView):
    """Exchange a username and password for a fresh token sent as `Authorization: Token …`; it expires
    after API_TOKEN_TTL_HOURS."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(summary=gettext_lazy("Get an API token"), request=TokenRequestSerializer,
                   responses={200: TokenSerializer, **error_responses(400), 429: LOCKED}, auth=[])
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token, expires_at = issue_token(user)
        update_last_login(None, user)
        return Response(TokenSerializer({"token": token, "expires_at": expires_at}).data)


class LogoutView(APIView):
    """Revoke the token this request was sent with."""

    authentication_classes = [TokenAuthentication]

    @extend_schema(summary=gettext_lazy("Revoke this API token"), request=None,
                   responses={204: None, **error_responses(401)})
    def post(self, request: Request) -> Response:
        revoke_token(request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutAllView(APIView):
    """Revoke every API token of the signed-in person (all their integrations sign in again)."""

    @extend_schema(summary=gettext_lazy("Revoke all my API tokens"), request=None,
                   responses={204: None, **error_responses(401)})
    def post(self, request: Request) -> Response:
        revoke_all_tokens(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
