"""The REST API of competition entries: thin like the pages, every action through competitions.services with
the pages' permission rules (403 before the body is read; an entry you may not see is 404). The admission is
also completed from the task list (`/api/tasks/{id}/complete/`)."""
from __future__ import annotations

from django.utils.translation import gettext_lazy

from workflows.api_actions import Endpoint
from workflows.api_cases import CaseApi, CaseViewSet, Completion, case_schema, case_step, completed, drafting

from . import services
from .entries_eligibility import nominating_organisations
from .entries_serializers import (AdmissionSerializer, EntryDetailSerializer, EntryInputSerializer, EntrySerializer,
    WithdrawSerializer)
from .models import Entry


def complete_admission(entry: Entry, user, data: dict):
    return services.admit(entry, user, data["decision"], data["comment"])


ADMISSION = Completion(AdmissionSerializer, complete_admission)

ENTRY_API = CaseApi(
    completions={"admission": ADMISSION},
    endpoints={
        **drafting(EntryInputSerializer),
        "admit": completed(ADMISSION),
        "withdraw": Endpoint("POST", "withdraw", WithdrawSerializer),
    },
    steps={"admission": ("admit",), "completion": ("edit", "submit")},
)


def save_entry(entry: Entry, data: dict, user) -> Entry:
    data = dict(data)
    files = data.pop("files", [])
    material_round = data.pop("material_round", None)
    for name, value in data.items():
        setattr(entry, name, value)
    return services.save_entry(entry, user, materials={material_round.pk if material_round else None: files})


@case_schema(submit_summary=gettext_lazy("Send the entry to the organising committee"))
class EntryViewSet(CaseViewSet):
    """Competition entries you may see: nominations, admission, the rounds' outcome, withdrawal."""

    serializer_class = EntrySerializer
    detail_serializer_class = EntryDetailSerializer
    input_serializer_class = EntryInputSerializer
    input_media = ("multipart/form-data", "application/json")
    list_related = ("author", "organisation", "competition", "nomination", "nominee")
    detail_related = ("author", "organisation", "municipality", "competition", "nomination", "nominee")
    detail_prefetched = ("materials",)
    not_yours = gettext_lazy("Only the organising committee admits entries.")
    create_refused = gettext_lazy("Directors nominate teachers of their organisation; teachers nominate "
                                  "themselves where the competition allows it.")
    edit_refused = gettext_lazy("The entry is completed by whoever nominated, in draft or when returned.")

    def may_create(self, user) -> bool:
        return user.is_authenticated and (nominating_organisations(user).exists() or services.may_self_nominate(user))

    def save_case(self, entry: Entry, data: dict, user, partial: bool) -> Entry:
        return save_entry(entry, data, user)

    def submit_case(self, entry: Entry, user) -> Entry:
        return services.submit(entry, user)

    def delete_draft(self, entry: Entry, user) -> None:
        services.delete_draft(entry, user)

    @case_step(gettext_lazy("Admission by the organising committee: admit, return or refuse"), AdmissionSerializer,
               EntryDetailSerializer)
    def admit(self, request, pk=None):
        entry = self.get_object()
        services.admission_task(entry, request.user)
        complete_admission(entry, request.user, self.body(AdmissionSerializer))
        return self.respond(entry)

    @case_step(gettext_lazy("Withdraw from the competition (the contestant), before the results"),
               WithdrawSerializer, EntryDetailSerializer)
    def withdraw(self, request, pk=None):
        entry = self.get_object()
        services.refuse_unless_withdrawable(entry, request.user)
        services.withdraw(entry, request.user, self.body(WithdrawSerializer)["reason"])
        return self.respond(entry)
