"""Helpers shared by the pages of every process."""
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


def form_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field where the field is on it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


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
