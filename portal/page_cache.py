"""Whole-response cache for anonymous readers of public pages.

Residents on weak signal mostly read the same pages. A GET from a visitor with no
session is answered from the cache when an earlier answer exists for the same path,
language, display mode and day. Anything personal is never stored: a response is
cached only when the view did not use the CSRF token, set no cookie, and did not say
private/no-store — so forms, tracking pages and manage links are always fresh.

Any change to content (a publish, an unpublish, a translation, a snippet or record
saved or deleted) moves the cache to a new generation, on every app server at once
when the cache is Redis.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_max_age

from portal.context_processors import current_display_mode

GENERATION_KEY = "portal:page-cache:generation"
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Vary",
    "Link",
)
# Saving these says nothing about what the public sees.
IGNORED_MODELS = {
    "sessions.session",
    "portal.searchdocument",
    "portal.auditentry",  # never shown to the public
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailadmin.editingsession",
    "wagtailusers.userprofile",
    "auth.user",
    "contenttypes.contenttype",
    # Made on a page's first view: a new rendition is not new content.
    "wagtailimages.rendition",
}


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY) or 1
    return value


def bump_generation(key: str) -> None:
    """Count a generation up (from 1 when the cache lost it)."""
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, None)


def invalidate(**kwargs) -> None:
    """Start a new generation: every cached page is stale from now on."""
    bump_generation(GENERATION_KEY)


def on_model_change(sender, instance=None, **kwargs) -> None:
    label = sender._meta.label_lower
    if label not in IGNORED_MODELS and not unseen_yet(label, instance):
        invalidate()


def unseen_yet(label: str, instance) -> bool:
    """A resident's new report, and the events of a report nobody published, are on
    no public page (the statistics may lag by one cache lifetime): a city's thousand
    reports a day would otherwise empty the page cache every minute."""
    if label == "participation.report":
        return getattr(instance, "state", "") == "submitted"
    if label == "participation.reportevent":
        report = getattr(instance, "report", None)
        return report is not None and not report.is_published
    return False


def connect_signals() -> None:
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{signal}")
    post_save.connect(on_model_change, dispatch_uid="page-cache-save")
    post_delete.connect(on_model_change, dispatch_uid="page-cache-delete")


def cache_key(request: HttpRequest) -> str:
    # The host is part of the key: pages carry absolute links (QR codes, feeds).
    # The generation is stored with the page, so a hit costs one round trip to Redis
    # (the generation and the page read together) rather than two.
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return ":".join(
        [
            "portal:page:v3",
            request.get_host(),
            str(timezone.localdate()),
            current_display_mode(request),
            request.method,
            path,
        ]
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
    return get_max_age(response) != 0


def never_cache_page(request: HttpRequest) -> None:
    """Views and page types call this when their answer is specific to someone."""
    request._portal_no_cache = True


# A copy that would live only a moment is not worth storing.
SHORTEST_CACHE_SECONDS = 5


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


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or generation()
        stored = found.get(key)
        # The copy carries its own end of life, read on this server's clock: a station
        # page kept only until an opening never outlives it, whatever the cache
        # backend does with its expiry.
        if stored is not None and stored[0] == current and stored[1] > time.time():
            _generation, _ends, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Portal-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            headers = [(h, response[h]) for h in KEPT_HEADERS if h in response]
            lifetime = min(
                settings.PORTAL_PAGE_CACHE_SECONDS,
                getattr(request, "_portal_cache_seconds", float("inf")),
            )
            cache.set(
                key,
                (
                    current,
                    time.time() + lifetime,
                    response.status_code,
                    headers,
                    response.content,
                ),
                lifetime,
            )
            response["X-Portal-Cache"] = "miss"
        return response
