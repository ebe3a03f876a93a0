"""Form widgets shared by the pages of every process."""
from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


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
