"""The admin screens that import a file (stations, community boundaries, convenience
points): the upload is checked whole, shown with its errors (400) or, on a dry run,
with what it would do; otherwise written and the screen opened again with a summary.
Each screen says only how its file is read (`run_import`)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class ImportScreen(WagtailAdminTemplateMixin, FormView):
    header_icon = "upload"
    file_field = "spreadsheet"
    # What `run_import` raises when the file itself cannot be read.
    file_errors: tuple[type[Exception], ...] = ()
    # The screen's own URL name, opened again after a successful import.
    screen_url_name = ""

    def run_import(self, form):
        """The import's report (with `errors` and `summary()`), written unless the
        form asks for a dry run."""
        raise NotImplementedError

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        try:
            report = self.run_import(form)
        except self.file_errors as error:
            form.add_error(self.file_field, str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if report.errors:
            return self.render_to_response(
                self.get_context_data(form=form, report=report), status=400
            )
        if form.cleaned_data["dry_run"]:
            return self.render_to_response(
                self.get_context_data(form=form, report=report)
            )
        messages.success(self.request, report.summary())
        return redirect(self.screen_url_name)
