"""The admin's bulk import and export of the station directory: upload a workbook
(checked row by row, written all or nothing), download the public fields."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.models import Locale

from notices.import_screen import ImportScreen
from portal.exports import XLSX_CONTENT_TYPE
from portal.params import ParamsForm, read_params
from portal.spreadsheets import ImportFileError

IMPORT_PERMISSION = "notices.import_stations"
CSV_SHEETS = ("communities", "staff", "assignments")


class StationImportForm(forms.Form):
    spreadsheet = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "An XLSX workbook with the sheets Communities, Staff and Assignments, or "
            "one CSV file of any of them (UTF-8 or GBK)."
        ),
    )
    photos = forms.FileField(
        label=gettext_lazy("Photos (ZIP)"),
        required=False,
        help_text=gettext_lazy(
            "Optional: a ZIP of the staff photos named in the Photo column."
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check only, write nothing"),
        required=False,
        initial=True,
    )


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StationImportView(ImportPermissionMixin, ImportScreen):
    """Upload a spreadsheet: check every row, then write all of it or nothing."""

    form_class = StationImportForm
    template_name = "notices/station_import.html"
    page_title = gettext_lazy("Import stations")
    file_errors = (ImportFileError,)
    screen_url_name = "notices_stations_import"

    def run_import(self, form):
        from notices.stations.bulk.importing import import_upload

        return import_upload(
            form.cleaned_data["spreadsheet"],
            photos=form.cleaned_data.get("photos"),
            dry_run=form.cleaned_data["dry_run"],
            user=self.request.user,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["export_url"] = reverse("notices_stations_export")
        return context


class ExportParams(ParamsForm):
    format = forms.ChoiceField(
        required=False,
        choices=[(kind, kind) for kind in ("xlsx", *CSV_SHEETS)],
    )


class StationExportView(ImportPermissionMixin, View):
    """Download the directory's public fields as XLSX (all sheets) or one CSV."""

    def get(self, request):
        from notices.stations.bulk.exporting import export_csv, export_workbook

        kind = read_params(ExportParams, request.GET)["format"] or "xlsx"
        locale = Locale.get_default()
        today = timezone.localdate().isoformat()
        if kind == "xlsx":
            data = export_workbook(locale)
            response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
            name = f"stations-{today}.xlsx"
        else:
            response = HttpResponse(
                export_csv(locale, kind), content_type="text/csv; charset=utf-8"
            )
            name = f"stations-{kind}-{today}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
