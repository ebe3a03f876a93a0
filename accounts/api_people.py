"""Who am I (`GET /api/me/`) and whom may I choose (`GET /api/people/`): the ids a client needs to name a
mentor, a co-author, an expert or a juror.

The people a purpose offers are those the process itself accepts for it, as its forms do: each process
registers its purpose with `choosable()` (routes: mentors; materials: co-authors and experts), so the list
never offers someone the server would refuse. Without a purpose the list is the people the caller may see
(`accounts.rules`: staff see their scope's people, everyone sees themselves).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import and_

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .api import error_responses
from .grants import memberships
from .models import Role, RoleAssignment, Scope, User
from .permissions import active_assignments, visible

# What a person is chosen for, and the process rule that answers whom the caller may choose for it.
PURPOSES = {
    "mentor": gettext_lazy("the mentor of my individual route"),
    "co_author": gettext_lazy("a co-author of my material"),
    "expert": gettext_lazy("an expert of a material I assign experts to"),
    "juror": gettext_lazy("a juror of a competition of my municipality"),
}
_choosers: dict[str, Callable[[User], QuerySet[User]]] = {}


def choosable(purpose: str, chooser: Callable[[User], QuerySet[User]]) -> None:
    """Register whom a user may choose for `purpose` (one of `PURPOSES`), as the process's own rule says."""
    if purpose not in PURPOSES:
        raise ValueError(f"Unknown purpose {purpose!r}: add it to accounts.api_people.PURPOSES")
    _choosers[purpose] = chooser


def municipalities_where(user: User, role: str) -> list[int]:
    return [assignment.municipality_id for assignment in active_assignments(user)
            if assignment.role == role and assignment.municipality_id]


def jurors_for(user: User) -> QuerySet[User]:
    """A competition's jury is drawn from the people of the municipality its methodist works for."""
    municipalities = municipalities_where(user, Role.METHODIST)
    return User.objects.filter(Q(organisation__municipality__in=municipalities) | Q(
        role_assignments__municipality__in=municipalities), is_active=True).distinct()


choosable("juror", jurors_for)


def people_for(user: User, purpose: str | None = None, role: str | None = None, search: str = "") -> QuerySet[User]:
    """The people `user` may choose for `purpose` (or see, without one), holding `role` today, whose name
    has every word of `search`, by surname."""
    if purpose:
        chooser = _choosers.get(purpose)
        found = chooser(user) if chooser else User.objects.none()
    else:
        found = visible(user, "view", User.objects.filter(is_active=True))
    if role:
        found = found.filter(pk__in=RoleAssignment.objects.active().filter(role=role).values("user_id"))
    words = search.split()
    if words:
        found = found.filter(reduce(and_, (Q(last_name__icontains=word) | Q(first_name__icontains=word)
                                           | Q(patronymic__icontains=word) for word in words)))
    return found.select_related("organisation").order_by("last_name", "first_name", "pk")


# Representations


class ScopeObjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class RoleHeldSerializer(serializers.Serializer):
    """A role assignment, or a membership (a jury) shown as one."""

    role = serializers.CharField(help_text=gettext_lazy("The role's code (a membership's: its role in the body)."))
    role_display = serializers.CharField(source="get_role_display")
    scope = serializers.SerializerMethodField(help_text=gettext_lazy(
        "organisation, municipality, region, association or installation; a membership: its body's kind."))
    scope_display = serializers.CharField(source="get_scope_display")
    scope_object = ScopeObjectSerializer(allow_null=True)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)

    def get_scope(self, held) -> str:
        scope = getattr(held, "scope", None)
        if isinstance(scope, str):
            return scope
        return held.scope_object._meta.model_name if held.scope_object is not None else Scope.INSTALLATION


class PersonChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")
    organisation = ScopeObjectSerializer(allow_null=True)
    position = serializers.CharField()
    subject = serializers.CharField()


class MeSerializer(PersonChoiceSerializer):
    username = serializers.CharField()
    email = serializers.CharField(allow_blank=True)
    last_name = serializers.CharField()
    first_name = serializers.CharField()
    patronymic = serializers.CharField(allow_blank=True)
    municipality = ScopeObjectSerializer(allow_null=True)
    roles = serializers.SerializerMethodField(help_text=gettext_lazy("The roles I hold today, each in its scope."))
    memberships = serializers.SerializerMethodField(help_text=gettext_lazy(
        "My memberships (a competition's jury or committee) not yet ended."))

    @extend_schema_field(RoleHeldSerializer(many=True))
    def get_roles(self, user: User) -> list[dict]:
        return RoleHeldSerializer(active_assignments(user, self.context["today"]), many=True).data

    @extend_schema_field(RoleHeldSerializer(many=True))
    def get_memberships(self, user: User) -> list[dict]:
        return RoleHeldSerializer(memberships(user, self.context["today"]), many=True).data


class PeopleQuerySerializer(serializers.Serializer):
    search = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text=gettext_lazy(
        "Words of the name (surname, name, patronymic), each one required."))
    role = serializers.ChoiceField(choices=[role for role in Role.choices if role[0] != Role.ADMIN],
                                   required=False, help_text=gettext_lazy("Only people holding this role today."))
    purpose = serializers.ChoiceField(choices=list(PURPOSES.items()), required=False, help_text=gettext_lazy(
        "Whom I choose the person for: only the people the process accepts for it; without it, the people "
        "I may see."))


# Endpoints


class MeView(APIView):
    """The signed-in person: who they are, the roles they hold in which scopes, their memberships."""

    @extend_schema(summary=gettext_lazy("Who am I"), responses={200: MeSerializer, **error_responses(401)})
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user, context={"today": timezone.localdate()}).data)


class PeopleViewSet(viewsets.GenericViewSet):
    """People to choose for a purpose (a mentor, a co-author, an expert, a juror) within the caller's scope."""

    queryset = User.objects.none()
    serializer_class = PersonChoiceSerializer
    lookup_value_converter = "int"

    @extend_schema(summary=gettext_lazy("Find people to choose"), parameters=[PeopleQuerySerializer],
                   responses={200: PersonChoiceSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        query = PeopleQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = people_for(request.user, query.validated_data.get("purpose"), query.validated_data.get("role"),
                           query.validated_data.get("search", ""))
        page = self.paginate_queryset(found)
        return self.get_paginated_response(PersonChoiceSerializer(page, many=True).data)
