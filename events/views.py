"""Pages of the events: the register with its filters and XLSX export, an event's form, its page (the
announcement for everyone signed in; participants, attendance and history for whoever may see them), the
actions on it and a person's own registrations. Thin: reads from `selectors`, writes through `services`."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.models import Role
from accounts.permissions import holds, may, visible_or_404
from workflows.files import MAX_ID, StoredFile, not_found, send
from workflows.history import changes_of
from workflows.pages import form_errors
from workflows.pagination import page_of

from . import selectors, services
from .export import XLSX_TYPE, events_xlsx
from .forms import AttendanceForm, CancelForm, EventEditForm, LinkForm, PersonForm
from .models import Event, Registration
from .pdf import certificate_pdf

PAGE_SIZE = 50


def municipalities_to_enter(user) -> list:
    return [municipality for municipality in selectors.municipalities_in_scope(user).order_by("name")
            if may(user, "add_event", municipality) or holds(user, Role.DIRECTOR) or holds(user, Role.LEAD)]


class EventListView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form, events = selectors.event_rows(request.user, request.GET)
        return render(request, "events/event_list.html", {
            "filter_form": form, "page": page_of(request, events, PAGE_SIZE),
            "may_enter": bool(municipalities_to_enter(request.user))})


class EventExportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        _form, events = selectors.event_rows(request.user, request.GET)
        response = HttpResponse(events_xlsx(events), content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="events.xlsx"'
        return response


def event_of(pk: int) -> Event:
    if not 0 < pk <= MAX_ID:
        raise Http404(_("Not found."))
    return get_object_or_404(Event.objects.select_related(
        "municipality", "organisation", "association", "site__organisation", "methodist", "follows_course"), pk=pk)


class EventEditView(View):
    """A new event (pk absent) or an event being changed."""

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        pk = kwargs.get("pk")
        if pk is None:
            self.event, self.municipalities = Event(), municipalities_to_enter(request.user)
            if not self.municipalities:
                raise PermissionDenied(_("You may not enter events."))
        else:
            self.event = visible_or_404(request.user, "view", Event, pk=pk)
            if not may(request.user, "change", self.event):
                raise PermissionDenied(_("You may not change this event."))
            self.municipalities = [self.event.municipality]

    def render(self, form: EventEditForm) -> HttpResponse:
        return render(self.request, "events/event_form.html", {"form": form, "event": self.event})

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        return self.render(EventEditForm(instance=self.event, municipalities=self.municipalities))

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        form = EventEditForm(request.POST, request.FILES, instance=Event.objects.get(pk=pk) if pk else Event(),
                             municipalities=self.municipalities)
        if not form.is_valid():
            return self.render(form)
        data, files = form.fields_for_service(), form.cleaned_data["files"]
        try:
            if pk:
                event = services.update_event(self.event, request.user, files=files, **data)
            else:
                event = services.create_event(request.user, files=files, **data)
        except ValidationError as error:
            form_errors(form, error)
            return self.render(form)
        messages.success(request, _("The event is saved."))
        return redirect(event)


class EventDetailView(View):
    def get(self, request: HttpRequest, pk: int, forms: dict | None = None) -> HttpResponse:
        event, user, forms = event_of(pk), request.user, forms or {}
        reads = may(user, "view", event)
        registrations = list(selectors.participants(user, event))
        mine = Registration.objects.filter(event=event, person=user).select_related("activity").first()
        manages = may(user, "mark_attendance", event)
        return render(request, "events/event_detail.html", {
            "event": event, "reads": reads, "registrations": registrations, "mine": mine,
            "counts": selectors.with_counts(Event.objects.filter(pk=event.pk)).values("registered", "came").get(),
            "files": event.files.all(),
            "may_register_self": mine is None and may(user, "register", Registration(event=event, person=user)),
            "person_form": forms.get("person") or (PersonForm(user=user, event=event) if holds_staff(user) else None),
            "attendance_form": forms.get("attendance") or (AttendanceForm(
                registrations=registrations, initial={"attended": [r.pk for r in registrations if r.attended]})
                if manages and event.has_started() else None),
            "link_form": forms.get("link") or (LinkForm(registration=mine) if mine else None),
            "may_change": may(user, "change", event) and event.status != Event.Status.CANCELLED,
            "cancel_form": forms.get("cancel") or (CancelForm() if event.status == Event.Status.PLANNED
                                                   and may(user, "cancel", event) else None),
            "changes": changes_of(event) if may(user, "view_history", event) else None,
        })


def holds_staff(user) -> bool:
    """Whether the page offers to register someone else (the service decides whom)."""
    return any(holds(user, role) for role in (Role.METHODIST, Role.DIRECTOR, Role.LEAD))


class EventActionView(View):
    """POST `<pk>/register|cancel|attendance|link/`: the page's forms, each through its service."""

    actions = {"register": PersonForm, "attendance": AttendanceForm, "link": LinkForm, "cancel": CancelForm}

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        event, user = event_of(pk), request.user
        if action == "register_self":
            return self.done(request, event, lambda: services.register(event, user, user),
                             _("You are registered for the event."))
        if action not in self.actions:
            raise Http404(_("Not found."))
        form = self.make_form(action, request, event)
        if form.is_valid():
            try:
                message = getattr(self, f"do_{action}")(event, user, form.cleaned_data)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, message)
                return redirect(event)
        return EventDetailView().get(request, pk, forms={"person" if action == "register" else action: form})

    def make_form(self, action: str, request: HttpRequest, event: Event):
        if action == "register":
            return PersonForm(request.POST, user=request.user, event=event)
        if action == "attendance":
            return AttendanceForm(request.POST, registrations=event.registrations.select_related("person"))
        if action == "link":
            mine = Registration.objects.filter(event=event, person=request.user).first()
            if mine is None:
                raise Http404(_("Not found."))
            return LinkForm(request.POST, registration=mine)
        return CancelForm(request.POST)

    def done(self, request: HttpRequest, event: Event, act, message: str) -> HttpResponse:
        try:
            act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return redirect(event)

    def do_register(self, event: Event, user, data: dict) -> str:
        services.register(event, data["person"], user)
        return _("%(person)s is registered for the event.") % {"person": data["person"]}

    def do_attendance(self, event: Event, user, data: dict) -> str:
        services.mark_attendance(event, user, data["attended"])
        return _("Attendance is marked.")

    def do_link(self, event: Event, user, data: dict) -> str:
        mine = Registration.objects.get(event=event, person=user)
        activity = data["activity"] and services.activities_to_link(user).get(pk=data["activity"])
        services.link_activity(mine, user, activity or None)
        return _("The event is linked to your route.") if activity else _("The event is no longer linked to your route.")

    def do_cancel(self, event: Event, user, data: dict) -> str:
        services.cancel_event(event, user, data["reason"])
        return _("The event is cancelled.")


def registration_of(request: HttpRequest, pk: int, action: str = "view") -> Registration:
    if not 0 < pk <= MAX_ID:
        raise Http404(_("Not found."))
    return visible_or_404(request.user, action, Registration.objects.select_related(
        "event__municipality", "person__organisation", "marked_by"), pk=pk)


class WithdrawView(View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        registration = registration_of(request, pk)
        try:
            services.withdraw(registration, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The registration is withdrawn."))
        return redirect(registration.event)


class CertificateView(View):
    """The certificate of participation, for an attended registration the person may read."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        registration = registration_of(request, pk, "certificate")
        if not registration.attended:
            raise Http404(_("Not found."))
        response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="certificate-{registration.pk}.pdf"'
        return response


class EventFileView(View):
    """A material of the event: its announcement is public within the service, so are its materials."""

    def get(self, request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
        if not (0 < pk <= MAX_ID and 0 < file_pk <= MAX_ID):
            raise not_found()
        event = event_of(pk)
        stored = event.files.filter(pk=file_pk).first()
        if stored is None:
            raise not_found()
        return send(StoredFile(event, stored.file, stored.name))


class MyEventsView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "events/my_events.html", {
            "page": page_of(request, selectors.my_registrations(request.user), PAGE_SIZE)})
