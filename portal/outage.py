"""The database down: a page that says so in the reader's language, not a 500.

While the database cannot be reached (stopped, the network to it cut, connections
refused or timing out), every page built from it would end in a server error and a
traceback per request. Instead readers get a 503 "temporarily unavailable" page in
their language with `Retry-After`, made from its template alone: no context
processor, no template tag that reads the database. Pages the shared cache already
holds are still served (PageCacheMiddleware answers before any view runs), and
/healthz answers 503 so the load balancer can look elsewhere. The outage is logged
once a minute per process, as a cache outage is (portal.cache.OncePerInterval).

Where it is caught: DatabaseOutageMiddleware.process_exception, Django's documented
hook for an exception a view raises. It is handed the exception itself and answers
before Django's 500 handling runs, so no `got_request_exception` is sent (an error
reporter is not sent one event per request) and no traceback is logged. What a
middleware meets before the view (a signed-in reader's session or user, Wagtail's
redirect lookup for a 404) never reaches process_exception: Django hands it to
handler500, which gives the same answer (portal.views.server_error).
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from portal.cache import OncePerInterval
from portal.context_processors import current_display_mode

# What Django raises when it cannot connect or the connection broke (psycopg's and
# sqlite3's errors arrive wrapped in these).
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 120
API_PREFIX = "/api/"

logger = logging.getLogger("portal.outage.database")


def is_outage(error: BaseException | None) -> bool:
    return isinstance(error, UNAVAILABLE)


def note_outage(error: BaseException) -> None:
    """Log it; the settings' filter lets one line a minute through (see below)."""
    logger.error("Database unavailable", exc_info=error)


def unavailable(request: HttpRequest, error: BaseException) -> HttpResponse:
    """503 in the active language (LocaleMiddleware chose it from the address),
    never cached by anyone."""
    note_outage(error)
    if request.path_info.startswith(API_PREFIX):
        message = _("The service is temporarily unavailable. Try again later.")
        response = JsonResponse({"detail": message}, status=503)
    else:
        reading = request.method in ("GET", "HEAD")
        context = {
            "display_mode": current_display_mode(request),
            "again": request.get_full_path() if reading else "",
            "sent": not reading,
        }
        # No request given: no context processor runs.
        response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    """Answers the 503 page for a view that met the database down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        return unavailable(request, exception) if is_outage(exception) else None


class OncePerIntervalDatabase(OncePerInterval):
    """OncePerInterval, worded for the database."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not super().filter(record):
            return False
        cause, held, seconds = record.args
        record.msg = (
            "Database unavailable, pages answer 503: %r "
            "(%d more database errors not logged in the last %d s)"
        )
        record.args = (cause, held, seconds)
        return True


class SkipUnavailableAnswers(logging.Filter):
    """For `django.request`, which logs every 5xx answer: a 503 is only ever answered
    for an outage (here or by /healthz), already logged once a minute above."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 503
