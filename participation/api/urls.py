"""The API's addresses, under /api/open311/v2/ (portal/urls.py)."""

from django.urls import path

from participation.api.views import (
    not_found,
    openapi,
    request_detail,
    requests_view,
    services,
)

app_name = "open311"

urlpatterns = [
    path("services.json", services, name="services"),
    path("requests.json", requests_view, name="requests"),
    path("requests/<str:request_id>.json", request_detail, name="request"),
    path("openapi.json", openapi, name="openapi"),
    path("<path:rest>", not_found),
]
