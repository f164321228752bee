"""The API's addresses, under /api/open311/v2/ (portal/urls.py): each endpoint as
`.json` and as `.xml` (GeoReport v2's two formats), the address choosing the format."""

from django.urls import path
from rest_framework.renderers import JSONRenderer

from participation.api.renderers import GeoReportXMLRenderer
from participation.api.schema import OpenApiView
from participation.api.views import (
    DiscoveryView,
    RequestDetailView,
    RequestsView,
    ServiceDefinitionView,
    ServicesView,
    not_found,
)

app_name = "open311"


def both_formats(route: str, view, name: str) -> list:
    """`<route>.json` (named `name`) and `<route>.xml` (named `name_xml`)."""
    return [
        path(
            f"{route}.json",
            view.as_view(renderer_classes=[JSONRenderer]),
            name=name,
        ),
        path(
            f"{route}.xml",
            view.as_view(renderer_classes=[GeoReportXMLRenderer]),
            name=f"{name}_xml",
        ),
    ]


urlpatterns = [
    *both_formats("discovery", DiscoveryView, "discovery"),
    *both_formats("services", ServicesView, "services"),
    *both_formats("services/<str:service_code>", ServiceDefinitionView, "service"),
    *both_formats("requests", RequestsView, "requests"),
    *both_formats("requests/<str:service_request_id>", RequestDetailView, "request"),
    path("openapi.json", OpenApiView.as_view(), name="openapi"),
    path("<path:rest>", not_found),
]
