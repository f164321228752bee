from django.conf import settings
from django.http import HttpRequest


def current_display_mode(request: HttpRequest) -> str:
    """The reader's chosen display mode, from the cookie the mode links set."""
    mode = request.COOKIES.get(settings.PORTAL_ELDERLY_COOKIE, "standard")
    return mode if mode in settings.PORTAL_DISPLAY_MODES else "standard"


def display_mode(request: HttpRequest) -> dict:
    return {"display_mode": current_display_mode(request)}
