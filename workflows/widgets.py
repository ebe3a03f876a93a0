"""Form widgets shared by the pages of every process."""
from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


class PlainSelect(forms.Select):
    """A select whose options are written here in one pass rather than with a template each: Django's
    widget renders a template per option, which for the hundreds of organisations of a municipality cost
    more than the rest of the page."""

    def render(self, name, value, attrs=None, renderer=None) -> str:
        widget = self.get_context(name, value, attrs)["widget"]
        options = "".join(
            f'<option value="{escape(option["value"])}"{" selected" if option["selected"] else ""}>'
            f'{escape(option["label"])}</option>'
            for _group, group_options, _index in widget["optgroups"] for option in group_options)
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]),
                           mark_safe(options))


class PersonPicker(forms.SelectMultiple):
    """People picked by searching: a search box over a <datalist> of the people the field may offer, and
    the people chosen as ticked boxes; no Ctrl-click list. A name typed or picked in the box is chosen
    on saving even without the page's script (which adds it at once), so a keyboard and no script do."""

    multiple = True
    placeholder = _("Start typing a surname")

    def search_name(self, name: str) -> str:
        return f"{name}__search"

    def value_from_datadict(self, data, files, name):
        chosen = [str(value) for value in (data.getlist(name) if hasattr(data, "getlist") else data.get(name) or [])]
        typed = (data.get(self.search_name(name)) or "").strip().casefold()
        if typed:
            found = [str(value) for value, label in self.choices if value != "" and str(label).casefold() == typed]
            chosen += [value for value in found[:1] if value not in chosen]
        return chosen if self.multiple else (chosen[-1] if chosen else None)

    def render(self, name, value, attrs=None, renderer=None) -> str:
        attrs = self.build_attrs(self.attrs, attrs)
        field_id = attrs.get("id") or f"id_{name}"
        values = {str(item) for item in (value if isinstance(value, (list, tuple)) else [value]) if item not in (None, "")}
        options, chosen = [], []
        for choice_value, label in self.choices:
            if choice_value == "":
                continue
            choice_value = str(choice_value)
            options.append(format_html('<option value="{}" data-id="{}"></option>', label, choice_value))
            if choice_value in values:
                chosen.append(format_html(
                    '<label class="mf-picker__chosen"><input type="{}" name="{}" value="{}" checked> {}</label>',
                    "checkbox", name, choice_value, label))
        return format_html(
            '<div class="mf-picker" data-picker="{}" data-name="{}" data-testid="picker-{}">'
            '<input type="search" id="{}" name="{}" list="{}-people" autocomplete="off" placeholder="{}">'
            '<datalist id="{}-people">{}</datalist><div class="mf-picker__list">{}</div></div>',
            "many" if self.multiple else "one", name, name, field_id, self.search_name(name), field_id,
            self.placeholder, field_id, mark_safe("".join(options)), mark_safe("".join(chosen)))


class PersonSelect(PersonPicker):
    """One person picked by searching (a mentor): as PersonPicker, the last one picked is kept; untick to
    choose none."""

    multiple = False
    allow_multiple_selected = False


def people(queryset):
    """People as a picker offers them: by surname, with their organisation read in the same query."""
    return queryset.select_related("organisation").order_by("last_name", "first_name", "pk")


def person_label(person) -> str:
    """A person as the pickers offer them: the name and the organisation, so namesakes are told apart."""
    return f"{person} ({person.organisation})" if person.organisation_id else str(person)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field: the list of them, each checked as a file field checks one."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]
