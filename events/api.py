"""The REST API of events: /api/events/ (the register with the page's filters, an event, entering and changing
it, cancelling, registering, marking attendance) and /api/event-registrations/ (the registrations a person may
see, withdrawing one, linking it to an ИОМ activity, the certificate). Thin: the same selectors, services and
rules as the pages (`events.rules`)."""
from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api import error_responses
from accounts.levels import Level
from accounts.permissions import may, visible, visible_or_404
from workflows.pagination import ValidatedPagination
from workflows.services import Refused

from . import selectors, services
from .models import Event, EventForm, Organiser, Registration
from .pdf import certificate_pdf
from .serializers import (AttendanceSerializer, CancelSerializer, EventInputSerializer, EventSerializer, LinkSerializer,
                          RegisterSerializer, RegistrationSerializer)
from .views import municipalities_to_enter

FILTERS = [
    OpenApiParameter("municipality", int, description=gettext_lazy("A municipality of your scope.")),
    # Without `enum`: the schema names a query parameter's enum by its name, and «form» is the ИОМ activity's and
    # the consultation's too.
    OpenApiParameter("form", str, description=gettext_lazy("The form of the event: %(forms)s.") % {
        "forms": ", ".join(EventForm.values)}),
    OpenApiParameter("level", str, enum=Level.values),
    OpenApiParameter("organiser", str, enum=Organiser.values),
    OpenApiParameter("status", str, enum=Event.Status.values),
    OpenApiParameter("starts_from", OpenApiTypes.DATE), OpenApiParameter("starts_until", OpenApiTypes.DATE),
    OpenApiParameter("q", str, description=gettext_lazy("Words of the title or the place.")),
]


def valid(serializer_class, data, **kwargs) -> dict:
    body = serializer_class(data=data, **kwargs)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


class EventViewSet(viewsets.GenericViewSet):
    """The events you may see; an event's announcement for everyone signed in."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = EventSerializer

    def get_queryset(self) -> QuerySet:
        form, events = selectors.event_rows(self.request.user, self.request.query_params)
        if self.action == "list" and self.request.query_params and not form.is_valid():
            raise exceptions.ValidationError({field: [str(error) for error in errors]
                                              for field, errors in form.errors.items()}, code="invalid")
        return events

    def get_object(self) -> Event:
        event = selectors.with_counts(Event.objects.select_related(
            "municipality", "organisation", "association", "site", "methodist")).filter(pk=self.kwargs["pk"]).first()
        if event is None:
            raise Http404(_("Not found."))
        return event

    def respond(self, event: Event, code: int = status.HTTP_200_OK) -> Response:
        self.kwargs["pk"] = event.pk
        return Response(EventSerializer(self.get_object(), context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary=gettext_lazy("The events you may see"), parameters=FILTERS,
                   responses={200: EventSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(EventSerializer(page, many=True, context=self.get_serializer_context()).data)

    @extend_schema(summary=gettext_lazy("An event (its announcement)"),
                   responses={200: EventSerializer, **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self.respond(self.get_object())

    @extend_schema(summary=gettext_lazy("Enter an event (the methodist; a school's director or lead for the school)"),
                   request=EventInputSerializer, responses={201: EventSerializer, **error_responses(400, 401, 403)})
    def create(self, request: Request) -> Response:
        if not municipalities_to_enter(request.user):
            raise Refused(_("You may not enter events of this municipality."), "not_allowed")
        data = valid(EventInputSerializer, request.data)
        return self.respond(services.create_event(request.user, **data), status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Change an event; only the fields sent change"),
                   request=EventInputSerializer(partial=True),
                   responses={200: EventSerializer, **error_responses(400, 401, 403, 404, 409)})
    def partial_update(self, request: Request, pk=None) -> Response:
        event = self.get_object()
        if not may(request.user, "change", event):
            raise Refused(_("You may not change this event."), "not_allowed")
        data = valid(EventInputSerializer, request.data, partial=True)
        data.pop("municipality", None)
        return self.respond(services.update_event(event, request.user, **data))

    @extend_schema(summary=gettext_lazy("Cancel a planned event; the registered people are told"),
                   request=CancelSerializer, responses={200: EventSerializer, **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk=None) -> Response:
        event = self.get_object()
        if not may(request.user, "cancel", event):
            raise Refused(_("You may not cancel this event."), "not_allowed")
        return self.respond(services.cancel_event(event, request.user, valid(CancelSerializer, request.data)["reason"]))

    @extend_schema(summary=gettext_lazy("Register yourself or a person of your scope"), request=RegisterSerializer,
                   responses={201: RegistrationSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"])
    def register(self, request: Request, pk=None) -> Response:
        event = self.get_object()
        person = valid(RegisterSerializer, request.data)["person"] or request.user
        registration = services.register(event, person, request.user)
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary=gettext_lazy("Mark who came, once the event has begun"), request=AttendanceSerializer,
                   responses={200: RegistrationSerializer(many=True), **error_responses(400, 401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk=None) -> Response:
        event = self.get_object()
        if not may(request.user, "mark_attendance", event):
            raise Refused(_("You may not mark attendance at this event."), "not_allowed")
        services.mark_attendance(event, request.user, valid(AttendanceSerializer, request.data)["attended"])
        return Response(RegistrationSerializer(selectors.participants(request.user, event), many=True).data)


class RegistrationViewSet(viewsets.GenericViewSet):
    """The registrations you may see: your own, your school's people's, the municipality's for the centre."""

    lookup_value_converter = "int"
    pagination_class = ValidatedPagination
    serializer_class = RegistrationSerializer

    def get_queryset(self) -> QuerySet:
        return visible(self.request.user, "view", Registration.objects.select_related(
            "event", "person", "registered_by", "marked_by")).order_by("-registered_at", "pk")

    def get_object(self) -> Registration:
        return visible_or_404(self.request.user, "view", self.get_queryset(), pk=self.kwargs["pk"])

    @extend_schema(summary=gettext_lazy("Registrations you may see"), parameters=[
        OpenApiParameter("event", int, description=gettext_lazy("Only this event's."))],
                   responses={200: RegistrationSerializer(many=True), **error_responses(400, 401, 404)})
    def list(self, request: Request) -> Response:
        registrations = self.get_queryset()
        event = request.query_params.get("event", "")
        if event:
            if not (event.isascii() and event.isdigit() and 0 < int(event) < 2**31):
                raise exceptions.ValidationError({"event": [_("Give the event's number.")]}, code="invalid")
            registrations = registrations.filter(event_id=int(event))
        page = self.paginate_queryset(registrations)
        return self.get_paginated_response(RegistrationSerializer(page, many=True).data)

    @extend_schema(summary=gettext_lazy("A registration"), responses={200: RegistrationSerializer,
                                                                     **error_responses(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return Response(RegistrationSerializer(self.get_object()).data)

    @extend_schema(summary=gettext_lazy("Withdraw a registration before the event starts"), request=None,
                   responses={204: None, **error_responses(401, 403, 404, 409)})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk=None) -> Response:
        services.withdraw(self.get_object(), request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary=gettext_lazy("Link your registration to an activity of your ИОМ"), request=LinkSerializer,
                   responses={200: RegistrationSerializer, **error_responses(400, 401, 403, 404)})
    @action(detail=True, methods=["post"])
    def link(self, request: Request, pk=None) -> Response:
        registration = self.get_object()
        if registration.person_id != request.user.pk:
            raise Refused(_("Only the participant links the event to their route."), "not_participant")
        activity_pk = valid(LinkSerializer, request.data)["activity"]
        activity = None
        if activity_pk is not None:
            activity = services.activities_to_link(request.user).filter(pk=activity_pk).first()
            if activity is None:
                raise exceptions.ValidationError({"activity": [
                    _("Choose an activity of your own route that is not done yet.")]}, code="invalid")
        return Response(RegistrationSerializer(services.link_activity(registration, request.user, activity)).data)

    @extend_schema(summary=gettext_lazy("The certificate of participation (PDF), once attendance is marked"),
                   responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
                              **error_responses(401, 404)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def certificate(self, request: Request, pk=None) -> HttpResponse:
        registration = visible_or_404(request.user, "certificate", self.get_queryset(), pk=pk)
        if not registration.attended:
            raise Http404(_("Not found."))
        response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="certificate-{registration.pk}.pdf"'
        return response
