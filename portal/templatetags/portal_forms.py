"""Form helpers for the `portal` crispy-forms template pack: accessible widgets."""

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()


def described_by(bound_field: forms.BoundField) -> str:
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}_help")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_error")
    return " ".join(ids)


@register.filter
def accessible_widget(bound_field: forms.BoundField) -> SafeString:
    """The field's widget, tied to its help and error texts for screen readers."""
    attrs = {}
    ids = described_by(bound_field)
    if ids:
        attrs["aria-describedby"] = ids
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.filter
def field_kind(bound_field: forms.BoundField) -> str:
    """How the pack lays a field out: 'checkbox', 'choices' (a group), or 'input'."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


@register.filter
def anchor_id(bound_field: forms.BoundField) -> str:
    """The element an error summary link should move focus to."""
    if field_kind(bound_field) == "choices":
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id
