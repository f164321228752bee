"""How the API answers bad input: a GeoReport error list, `[{"code": 400,
"description": "…"}]`, with the same HTTP status, in the language the caller asked for;
never an HTML page."""

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import translation

from portal.params import BadParameters


class ApiError(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def error_response(status: int, description: str) -> JsonResponse:
    return JsonResponse(
        [{"code": status, "description": description}], status=status, safe=False
    )


def api_view(function):
    """JSON errors for bad input instead of HTML pages; no cookies, no caching of
    POSTs."""

    def wrapper(request: HttpRequest, *args, **kwargs):
        try:
            with translation.override(request_language(request)):
                try:
                    return function(request, *args, **kwargs)
                except BadParameters as error:
                    raise ApiError(400, str(error)) from error
        except ApiError as error:
            return error_response(error.status, error.description)

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper


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
