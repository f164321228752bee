"""Site-wide views: health check, display mode switch and error pages."""

import sys

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal.cache import cache_state
from portal.outage import is_outage, note_outage, unavailable

DISPLAY_COOKIE_AGE = 365 * 24 * 3600


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Each dependency's state, e.g. `{"database": "ok", "cache": "down"}`: 200 while
    the database answers (the site can serve, if slower, without its cache), 503
    otherwise."""
    states = {"database": database_state(), "cache": cache_state()}
    return JsonResponse(states, status=200 if states["database"] == "ok" else 503)


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        note_outage(error)
        return "down"
    return "ok"


def safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_safe
def set_display_mode(request: HttpRequest, mode: str) -> HttpResponse:
    """Switch between standard and elderly-friendly display with a plain link.

    Works without JavaScript: the choice is kept in a cookie read on every page.
    """
    response = HttpResponseRedirect(safe_next(request, reverse("home_redirect")))
    if mode == "standard":
        response.delete_cookie(settings.PORTAL_ELDERLY_COOKIE, samesite="Lax")
    else:
        response.set_cookie(
            settings.PORTAL_ELDERLY_COOKIE,
            mode,
            max_age=DISPLAY_COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls handler500 inside its `except` block, so the exception is at hand:
    # the database down, met by a middleware before any view, is a 503 as it is for
    # views (portal/outage.py).
    error = sys.exc_info()[1]
    if is_outage(error):
        return unavailable(request, error)
    # Deliberately self-contained: no database, no site settings, in case those failed.
    return render(request, "500.html", status=500)


@require_safe
def language_root(request: HttpRequest) -> HttpResponse:
    """`/` sends visitors to their language's home page, Simplified Chinese first."""
    language = translation.get_language_from_request(request)
    response = HttpResponseRedirect(f"/{language}/")
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
