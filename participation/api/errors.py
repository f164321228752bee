"""How the API answers bad input: a GeoReport error list, `[{"code": 400,
"description": "…"}]` (or `<errors><error><code/><description/></error></errors>`
in XML), with the same HTTP status, in the language the caller asked for; never an
HTML page. The views turn these exceptions into that answer
(`views.GeoReportView.handle_exception`)."""

from django.conf import settings
from django.http import HttpRequest, JsonResponse


class ApiError(Exception):
    def __init__(self, status: int, description: str, headers: dict | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.headers = headers or {}


def error_response(status: int, description: str) -> JsonResponse:
    return JsonResponse(
        [{"code": status, "description": description}], status=status, safe=False
    )


def request_language(request: HttpRequest) -> str:
    """The language errors are written in: read before anything else, so a bad
    `locale` is only ever compared, never used."""
    wanted = request.GET.get("locale", "") or request.POST.get("locale", "")
    codes = [code for code, _name in settings.LANGUAGES]
    if wanted in codes:
        return wanted
    if wanted.lower().startswith("en"):
        return "en"
    return settings.LANGUAGE_CODE
