"""Form widgets shared by the public forms."""

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A <select> written in one pass: for hundreds of options (every community
    station of a city) and for the selects of busy public pages (the list filters).

    Django renders each option through its own template: with 600 communities that
    is most of the report form's time on every request, and four small filter
    selects are a third of a list page's. The markup is the same as Django's select
    (optgroups, `selected`, the attributes the form gives it).
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**self.build_attrs(self.attrs, attrs), "name": name}
        selected = self.format_value(value)[:1]
        parts = []
        for group, choices in self.choices:
            if isinstance(choices, (list, tuple)):
                parts.append(format_html('<optgroup label="{}">', group))
                parts.extend(
                    self._option(key, label, selected) for key, label in choices
                )
                parts.append("</optgroup>")
            else:
                parts.append(self._option(group, choices, selected))
        # Every label and value in the parts was escaped as it was written.
        options = mark_safe("".join(parts))  # noqa: S308
        return format_html("<select{}>{}</select>", flatatt(attrs), options)

    @staticmethod
    def _option(key, label, selected: list) -> str:
        key = "" if key is None else str(key)
        chosen = " selected" if key in selected else ""
        return f'<option value="{escape(key)}"{chosen}>{escape(label)}</option>'


class OnePassTextInput(forms.TextInput):
    """A text box written in one pass, as LongSelect writes a select: Django's goes
    through three templates, a fifth of a list page's filter form. Same markup (the
    attributes in the order the form gives them)."""

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        parts = [f'<input type="{escape(self.input_type)}" name="{escape(name)}"']
        if value is not None:
            parts.append(f' value="{escape(value)}"')
        for key, item in self.build_attrs(self.attrs, attrs).items():
            if item is True:
                parts.append(f" {escape(key)}")
            elif item is not False:
                parts.append(f' {escape(key)}="{escape(item)}"')
        parts.append(">")
        return mark_safe("".join(parts))  # noqa: S308 -- every value escaped above


class PreparedChoices(BaseChoiceIterator):
    """Choices already in Django's normal form (value, label) and (group, [...]).

    Django normalises a plain list again on every form built; for the hundreds of
    communities of every report form, that walk is a good part of a submission's
    time. Wrapped, they are used as they are."""

    def __init__(self, choices: list):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)
