"""Whole-response cache for anonymous readers of public pages.

Residents on weak signal mostly read the same pages. A GET or HEAD from a visitor with
no session is answered from the shared cache when an earlier answer exists for the same
address (host, path and query), language, display mode, day and content generation,
and for the same values of every request header the answer's `Vary` names. The answer
is stored whole (status, every header, body), keyed as Django's own cache middleware
keys it, so every header comes back with it: a catalogue download keeps its
Content-Disposition and file name, a QR code its Content-Type.

Anything personal is never stored: an answer is kept only when the view did not use
the CSRF token, set no cookie, did not say private/no-store/no-cache and did not call
`never_cache_page`; forms, tracking pages and manage links are always fresh.

The key carries the content generation read when the request started
(portal/cache.py): a publish, once committed, moves it on and every app server misses
from then on. Built on Django's documented cache utilities (django.utils.cache);
wagtail-cache would do the same but pins wagtail<8.0.

Each app process holds the answers it stored or read lately (HeldCache, at most
HELD_PAGES of them and HELD_BYTES in all): a hit on a held answer reads only the
generation from the shared cache. The key a held answer is found by is the shared
one, generation, Vary and all, and it ends when the shared copy does, so the answer
is the same whichever copy gives it.

PageCacheMiddleware also opens the request's generation for portal/lookups.py, so it
sits before anything that reads content, after LocaleMiddleware (the key's language)
and CommonMiddleware (the host is validated). A hit is answered there, before the
CSRF, authentication and message work. SessionMiddleware stays in front: a page
rendered for an anonymous reader may look at the session, and the `Vary: Cookie` that
adds must not become part of the key (every reader's cookies would then make a copy).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_cache_key,
    get_max_age,
    has_vary_header,
    learn_cache_key,
    patch_response_headers,
    patch_vary_headers,
)

from portal.cache import HeldCache, request_generation
from portal.context_processors import current_display_mode

# A copy that would live only a moment is not worth storing.
SHORTEST_CACHE_SECONDS = 5
# What one app process holds of the stored answers and of the header lists they are
# keyed by (one each per address), the least recently served going first. At city
# scale the catalogue is about 90 KB, most pages 4–16 KB.
HELD_PAGES = 2_000
HELD_BYTES = 16 * 1024 * 1024
# Answers and the header lists Django keys them by: shared, with held copies.
pages = HeldCache(entries=HELD_PAGES, size=HELD_BYTES)


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
            "portal-pages",  # answers stored as kept_answer() writes them
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


def kept_answer(response: HttpResponse) -> tuple:
    """What is stored of an answer: status, headers and body, as plain data (a
    held copy is shared by the process's requests; each gets its own response)."""
    return (
        response.status_code,
        response.reason_phrase,
        list(response.items()),
        response.content,
    )


def answer(kept: tuple) -> HttpResponse:
    status, reason, headers, content = kept
    response = HttpResponse(content, status=status, reason=reason)
    for name, value in headers:
        response[name] = value
    response["X-Portal-Cache"] = "hit"
    return response


def cached_response(request: HttpRequest, prefix: str) -> HttpResponse | None:
    key = get_cache_key(request, prefix, "GET", cache=pages)
    kept = pages.get(key) if key else None
    if kept is None and request.method == "HEAD":
        key = get_cache_key(request, prefix, "HEAD", cache=pages)
        kept = pages.get(key) if key else None
    return answer(kept) if kept is not None else None


def store(request: HttpRequest, response: HttpResponse, prefix: str) -> None:
    seconds = lifetime(request, response)
    if get_max_age(response) is None:
        # Browsers ask again every time: only this copy can be dropped on a publish.
        patch_response_headers(response, cache_timeout=0)
    key = learn_cache_key(request, response, seconds, prefix, cache=pages)

    def keep(done: HttpResponse) -> None:
        session = getattr(request, "session", None)
        if session is not None and session.accessed:
            # SessionMiddleware adds it to this answer on its way out: the copies
            # say the same to browsers and proxies. Not in the key: no request this
            # cache answers carries a session cookie.
            patch_vary_headers(done, ["Cookie"])
        pages.set(key, kept_answer(done), seconds)

    if hasattr(response, "render") and not response.is_rendered:
        response.add_post_render_callback(keep)
    else:
        keep(response)


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
                return response
            response = self.get_response(request)
            if is_cacheable_response(request, response):
                store(request, response, prefix)
                response["X-Portal-Cache"] = "miss"
            return response
