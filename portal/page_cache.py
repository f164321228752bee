"""Whole-response cache for anonymous readers of public pages.

Residents on weak signal mostly read the same pages. A GET or HEAD from a visitor with
no session is answered from the shared cache when an earlier answer exists for the same
address (host, path and query), language, display mode, day and content generation,
and for the same values of every request header the answer's `Vary` names. The answer
is stored whole, as Django's own cache middleware stores it, so every header comes back
with it: a catalogue download keeps its Content-Disposition and file name, a QR code
its Content-Type.

Anything personal is never stored: an answer is kept only when the view did not use
the CSRF token, set no cookie, did not say private/no-store/no-cache and did not call
`never_cache_page`; forms, tracking pages and manage links are always fresh.

The key carries the content generation read when the request started
(portal/cache.py): a publish, once committed, moves it on and every app server misses
from then on. Built on Django's documented cache utilities (django.utils.cache);
wagtail-cache would do the same but pins wagtail<8.0.

PageCacheMiddleware also opens the request's generation for portal/lookups.py, so it
sits before anything that reads content, after LocaleMiddleware (the key's language)
and CommonMiddleware (the host is validated).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_cache_key,
    get_max_age,
    has_vary_header,
    learn_cache_key,
    patch_response_headers,
)

from portal.cache import request_generation
from portal.context_processors import current_display_mode

# A copy that would live only a moment is not worth storing.
SHORTEST_CACHE_SECONDS = 5


def never_cache_page(request: HttpRequest) -> None:
    """Views and page types call this when their answer is specific to someone."""
    request._portal_no_cache = True


def cache_page_until(request: HttpRequest, seconds: float) -> None:
    """Views whose answer goes stale at a known moment (a station opening or closing)
    keep the cached copy at most that long."""
    if seconds < SHORTEST_CACHE_SECONDS:
        never_cache_page(request)
        return
    current = getattr(request, "_portal_cache_seconds", None)
    request._portal_cache_seconds = int(
        seconds if current is None else min(current, seconds)
    )


def is_cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or not settings.PORTAL_PAGE_CACHE_SECONDS:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    path = request.path_info
    return not path.startswith(
        settings.PORTAL_PAGE_CACHE_EXCLUDED_PREFIXES
    ) and not any(part in path for part in settings.PORTAL_PAGE_CACHE_EXCLUDED_PARTS)


def is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(
        request, "_portal_no_cache", False
    ):
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control or "no-cache" in control:
        return False
    return get_max_age(response) != 0 and not has_vary_header(response, "*")


def key_prefix(request: HttpRequest, generation: int) -> str:
    """What the key holds besides the address, the language (Django adds the active
    one) and the headers `Vary` names: the generation, the day (pages show what is
    in force today) and the display mode (a cookie no `Vary` names)."""
    return ":".join(
        [
            "portal-page",
            str(generation),
            str(timezone.localdate()),
            current_display_mode(request),
        ]
    )


def lifetime(request: HttpRequest, response: HttpResponse) -> int:
    """The server's copy lives as long as the settings allow, no longer than the
    view's own max-age nor than the moment `cache_page_until` named."""
    seconds = settings.PORTAL_PAGE_CACHE_SECONDS
    for limit in (get_max_age(response), getattr(request, "_portal_cache_seconds", 0)):
        if limit:
            seconds = min(seconds, limit)
    return seconds


def cached_response(request: HttpRequest, prefix: str) -> HttpResponse | None:
    key = get_cache_key(request, prefix, "GET", cache=cache)
    kept = cache.get(key) if key else None
    if kept is None and request.method == "HEAD":
        key = get_cache_key(request, prefix, "HEAD", cache=cache)
        kept = cache.get(key) if key else None
    if kept is None:
        return None
    # The copy's end of life, read on this server's clock: a station page kept only
    # until an opening never outlives it, whatever the backend does with expiry.
    ends, response = kept
    return response if time.time() < ends else None


def store(request: HttpRequest, response: HttpResponse, prefix: str) -> None:
    seconds = lifetime(request, response)
    if get_max_age(response) is None:
        # Browsers ask again every time: only this copy can be dropped on a publish.
        patch_response_headers(response, cache_timeout=0)
    key = learn_cache_key(request, response, seconds, prefix, cache=cache)
    ends = time.time() + seconds
    if hasattr(response, "render") and not response.is_rendered:
        response.add_post_render_callback(
            lambda done: cache.set(key, (ends, done), seconds)
        )
    else:
        cache.set(key, (ends, response), seconds)


class PageCacheMiddleware:
    """Reads the content generation when a request starts; serves and stores whole
    answers for anonymous readers under it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Wagtail marks the request of a preview: an editor's draft is never kept.
        previewing = getattr(request, "is_dummy", False)
        with request_generation(keep=not previewing) as generation:
            if generation is None or not is_cacheable_request(request):
                return self.get_response(request)
            prefix = key_prefix(request, generation)
            response = cached_response(request, prefix)
            if response is not None:
                response["X-Portal-Cache"] = "hit"
                return response
            response = self.get_response(request)
            if is_cacheable_response(request, response):
                store(request, response, prefix)
                response["X-Portal-Cache"] = "miss"
            return response
