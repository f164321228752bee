"""The admin form both lists' pages share: cross-row checks shown on their rows."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm


class ListPageForm(WagtailAdminPageForm):
    """Runs a list's cross-row checks on its inline rows and shows each error on its
    row in the editor; `validator` maps formset names to row readers."""

    validator = None
    row_readers: dict = {}

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not valid or self.validator is None:
            return valid
        forms_by_collection = {}
        rows = {}
        for name, fields in self.row_readers.items():
            formset = self.formsets[name]
            live_forms = [
                form
                for form in formset.forms
                if form.has_changed() or form.instance.pk
                if not formset._should_delete_form(form)
            ]
            forms_by_collection[name] = live_forms
            rows[name] = [
                {field: form.cleaned_data.get(field) for field in fields}
                for form in live_forms
            ]
        errors = type(self).validator(**rows)
        for error in errors:
            form = forms_by_collection[error.collection][error.row - 1]
            field = error.field if error.field in form.fields else None
            form.add_error(field, forms.ValidationError(error.message))
        return not errors
