"""The admin's import of community boundaries (GeoJSON): checked feature by feature,
written all or nothing. Open to those who may import the station directory."""

from django import forms
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import View

from notices.import_screen import ImportScreen
from notices.maps.importing import (
    BoundaryFileError,
    export_collection,
    import_collection,
)
from notices.stations.bulk.views import ImportPermissionMixin


class BoundaryImportForm(forms.Form):
    geojson = forms.FileField(
        label=gettext_lazy("GeoJSON file"),
        help_text=gettext_lazy(
            "A FeatureCollection with one Polygon or MultiPolygon per community, in "
            "WGS-84 degrees ([longitude, latitude]); each feature names its community "
            "in properties.community (with properties.subdistrict where two share a "
            "name) or by its number in properties.id."
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check only, write nothing"),
        required=False,
        initial=True,
    )


class BoundaryImportView(ImportPermissionMixin, ImportScreen):
    """Upload a GeoJSON file: check every feature, then write all or nothing."""

    form_class = BoundaryImportForm
    template_name = "notices/boundary_import.html"
    page_title = gettext_lazy("Import community boundaries")
    header_icon = "site"
    file_field = "geojson"
    file_errors = (BoundaryFileError,)
    screen_url_name = "notices_boundaries_import"

    def run_import(self, form):
        return import_collection(
            form.cleaned_data["geojson"].read(), form.cleaned_data["dry_run"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["export_url"] = reverse("notices_boundaries_export")
        return context


class BoundaryExportView(ImportPermissionMixin, View):
    """Download every community boundary as GeoJSON, in the import's format."""

    def get(self, request):
        response = HttpResponse(
            export_collection(), content_type="application/geo+json; charset=utf-8"
        )
        name = f"boundaries-{timezone.localdate().isoformat()}.geojson"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
