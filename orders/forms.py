"""The forms of the orders' pages: the journal's filters, a draft and its items as rows («add a row» adds one
without saving)."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organisation, Role, RoleAssignment, User
from workflows.widgets import PlainSelect

from .models import Order, OrderItem
from .selectors import JournalFilter

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ADD_ROW = "add_row"


class JournalFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    subject = forms.ChoiceField(label=_("Subject"), required=False,
                                choices=[("", _("All subjects")), *Order.Subject.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Order.Status.choices])
    q = forms.CharField(label=_("Number or title"), required=False, max_length=100)

    def __init__(self, data, *, years: list[int]):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years")), *((year, year) for year in years)]

    def filters(self) -> JournalFilter:
        """What the list is narrowed to; an invalid filter is left out (the form shows why)."""
        if not self.is_valid():
            return JournalFilter()
        data = self.cleaned_data
        return JournalFilter(year=data["year"], subject=data["subject"], status=data["status"],
                             search=data["q"].strip())


class OrderForm(forms.ModelForm):
    """A draft's heading. The number may be left empty: the journal gives the next one."""

    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none())

    class Meta:
        model = Order
        fields = ["municipality", "number", "date", "subject", "title", "text", "signatory"]
        widgets = {"date": DATE, "text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"number": _("Leave empty to take the next number of the journal.")}

    def __init__(self, *args, municipalities: list[Municipality], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].required = False
        field = self.fields["municipality"]
        field.queryset = Municipality.objects.filter(pk__in=[m.pk for m in municipalities])
        if self.instance.pk or len(municipalities) == 1:
            field.initial = self.instance.municipality_id if self.instance.pk else municipalities[0].pk
            field.widget = forms.HiddenInput()
        municipality = self.instance.municipality_id or (municipalities[0].pk if municipalities else None)
        if self.is_bound and not self.instance.pk:
            municipality = self.data.get(self.add_prefix("municipality")) or municipality
        if self.instance.by_organisation:  # the organisation's own order is signed by its director
            signatories = RoleAssignment.objects.active().filter(role=Role.DIRECTOR,
                                                                 organisation=self.instance.issuer_id)
        else:
            signatories = RoleAssignment.objects.active().filter(role=Role.OFFICER, municipality=municipality)
        self.fields["signatory"].queryset = User.objects.filter(pk__in=signatories.values("user_id"))
        self.municipality_id = municipality

    def validate_unique(self) -> None:
        """The service checks the number under the journal's lock and answers on the field."""

    def fields_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data["number"] = (data.get("number") or "").strip() or None
        return data


class ItemForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput, required=False)  # the row it edits, keeping its record
    # An empty first choice, so that a spare row left as it is counts as empty.
    action = forms.ChoiceField(label=_("Action"), choices=[("", "—"), *OrderItem.Action.choices])
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(),
                                          required=False, widget=PlainSelect)
    text = forms.CharField(label=_("Wording"), widget=forms.Textarea(attrs={"rows": 2}))
    starts_on = forms.DateField(label=_("From"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Until"), required=False, widget=DATE)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class BaseItemFormSet(forms.BaseFormSet):
    """The items of a draft, one row each; empty rows are ignored. «Add a row» (`ADD_ROW` in the data) asks
    for one more empty row and saves nothing; the page's script adds it in place without a round trip."""

    def __init__(self, data=None, *args, municipality=None, **kwargs):
        if data is not None and ADD_ROW in data:
            data = data.copy()
            total = f"{kwargs.get('prefix') or self.get_default_prefix()}-TOTAL_FORMS"
            rows = data.get(total) or "0"
            data[total] = str(int(rows) + 1) if rows.isascii() and rows.isdigit() and len(rows) < 4 else rows
        super().__init__(data, *args, **kwargs)
        self.organisations = Organisation.objects.filter(municipality=municipality).order_by("short_name")

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "organisations": self.organisations}

    @property
    def empty_form(self):
        form = self.form(auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), empty_permitted=True,
                         use_required_attribute=False, organisations=self.organisations, renderer=self.renderer)
        self.add_fields(form, None)
        return form

    def kept(self) -> list[forms.Form]:
        return [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]

    def items(self, order: Order | None) -> list[dict]:
        """The kept rows as the service takes them; an edited row keeps the record its item names."""
        existing = {item.pk: item for item in order.items.all()} if order and order.pk else {}
        rows = []
        for form in self.kept():
            data = {name: value for name, value in form.cleaned_data.items() if name not in ("item", "DELETE")}
            previous = existing.get(form.cleaned_data.get("item"))
            data["record"] = previous.record if previous is not None else None
            rows.append(data)
        return rows

    def show(self, error: ValidationError) -> ValidationError | None:
        """Put the service's errors of items (`items[1].text`) on their rows; what is left, to the caller."""
        kept, rest = self.kept(), {}
        for key, messages in error.message_dict.items():
            head, _, field = key.partition(".")
            if key == "items":
                self._non_form_errors = self.error_class(messages, renderer=self.renderer)
            elif head.startswith("items[") and field:
                kept[int(head[6:-1])].add_error(field, messages)
            else:
                rest[key] = messages
        return ValidationError(rest) if rest else None


ItemFormSet = forms.formset_factory(ItemForm, formset=BaseItemFormSet, extra=1, can_delete=True)


def unjudged(form: OrderForm, formset: BaseItemFormSet) -> tuple[OrderForm, BaseItemFormSet]:
    """The forms shown again as entered, with no error yet: «add a row» saves nothing, so it judges nothing."""
    for each in (form, *formset.forms):
        each._errors = ErrorDict()
    formset._errors, formset._non_form_errors = [], formset.error_class(renderer=formset.renderer)
    return form, formset


def items_initial(order: Order) -> list[dict]:
    return [{"item": item.pk, "action": item.action, "organisation": item.organisation_id, "text": item.text,
             "starts_on": item.starts_on, "ends_on": item.ends_on} for item in order.items.all()]
