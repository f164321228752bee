"""The admin's import of convenience points: upload a CSV file or XLSX workbook,
every row checked, all written or none; and a CSV template to start from."""

import csv
import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import View

from notices.convenience.admin import PointPolicy
from notices.convenience.models import ConveniencePoint
from notices.import_screen import ImportScreen
from portal.spreadsheets import ImportFileError


def may_import(user) -> bool:
    return PointPolicy(ConveniencePoint).user_has_permission(user, "add")


class PointImportForm(forms.Form):
    spreadsheet = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "A CSV file (UTF-8 or GBK) or an XLSX workbook with the columns of the "
            "template."
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check only, write nothing"), required=False, initial=True
    )


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PointImportView(ImportPermissionMixin, ImportScreen):
    form_class = PointImportForm
    template_name = "notices/convenience_import.html"
    page_title = gettext_lazy("Import convenience points")
    file_errors = (ImportFileError,)
    screen_url_name = "notices_convenience_import"

    def run_import(self, form):
        from notices.convenience.importing import import_points

        upload = form.cleaned_data["spreadsheet"]
        return import_points(
            upload.read(),
            upload.name,
            dry_run=form.cleaned_data["dry_run"],
            user=self.request.user,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["template_url"] = reverse("notices_convenience_template")
        return context


class PointTemplateView(ImportPermissionMixin, View):
    """A CSV with the columns in the user's language and one example row."""

    def get(self, request):
        from notices.convenience.importing import COLUMNS

        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([str(column.label) for column in COLUMNS])
        writer.writerow(
            [
                "公厕",
                "示例公厕",
                "黄河社区",
                "27.700000",
                "111.990000",
                "示例路1号",
                "1-7 06:00-22:00",
                "无障碍厕位、母婴室",
                "",
                "",
            ]
        )
        response = HttpResponse(
            "\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            'attachment; filename="convenience-points-template.csv"'
        )
        return response
