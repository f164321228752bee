"""Whole-response cache for anonymous readers of public pages.

Residents on weak signal mostly read the same pages. A GET from a visitor with no
session is answered from the cache when an earlier answer exists for the same path,
language, display mode and day. Anything personal is never stored: a response is
cached only when the view did not use the CSRF token, set no cookie, and did not say
private/no-store — so forms, tracking pages and manage links are always fresh.

Any change to content (a publish, an unpublish, a translation, a snippet or record
saved or deleted) moves the cache to a new generation, on every app server at once
when the cache is Redis.

Each app process also holds the pages it served lately (PORTAL_PAGE_CACHE_HELD_BYTES
in all), each with its generation: a hit on a held page reads only the generation
from the cache, not the page (the catalogue is 90 KB at city scale). A held page is
served only while the shared generation is the one it was made under, so a publish on
any server is seen at once everywhere.
"""

import hashlib
import secrets
import threading
import time
from collections import OrderedDict

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


def new_generation() -> int:
    """Where a count starts when the cache has none (first use, Redis emptied or
    restarted): a random number, so the new count never meets one that processes
    still hold pages under, as counting again from 1 would."""
    return secrets.randbits(62)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, new_generation(), None)
        value = cache.get(GENERATION_KEY)
    return value


def bump_generation(key: str) -> None:
    """Count a generation up (from a new start when the cache lost it)."""
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, new_generation(), None)


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


class HeldPages:
    """Copies of pages as stored in the cache, (generation, end of life, status,
    headers, content), at most `limit` bytes of content in all: the least recently
    served go first. Safe to share between a process's threads."""

    def __init__(self) -> None:
        self._pages: OrderedDict[str, tuple] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: tuple, limit: int) -> None:
        size = len(page[4])
        with self._lock:
            self._drop(key)
            if size > limit:
                return
            self._pages[key] = page
            self._bytes += size
            while self._bytes > limit:
                self._drop(next(iter(self._pages)))

    def _drop(self, key: str) -> None:
        page = self._pages.pop(key, None)
        if page is not None:
            self._bytes -= len(page[4])

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._pages)

    @property
    def size(self) -> int:
        return self._bytes


held_pages = HeldPages()


def answer(page: tuple) -> HttpResponse:
    _generation, _ends, status, headers, content = page
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Portal-Cache"] = "hit"
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        limit = settings.PORTAL_PAGE_CACHE_HELD_BYTES
        now = time.time()
        # A copy carries its own end of life, read on this server's clock: a station
        # page kept only until an opening never outlives it, whatever the cache
        # backend does with its expiry.
        held = held_pages.get(key) if limit else None
        if held is not None and held[1] > now:
            current = cache.get(GENERATION_KEY) or generation()
            if held[0] == current:
                return answer(held)
            stored = cache.get(key)  # content changed since: another server may have it
        else:
            found = cache.get_many([GENERATION_KEY, key])
            current = found.get(GENERATION_KEY) or generation()
            stored = found.get(key)
        if stored is not None and stored[0] == current and stored[1] > now:
            if limit:
                held_pages.put(key, stored, limit)
            return answer(stored)
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            headers = [(h, response[h]) for h in KEPT_HEADERS if h in response]
            lifetime = min(
                settings.PORTAL_PAGE_CACHE_SECONDS,
                getattr(request, "_portal_cache_seconds", float("inf")),
            )
            page = (
                current,
                time.time() + lifetime,
                response.status_code,
                headers,
                response.content,
            )
            cache.set(key, page, lifetime)
            if limit:
                held_pages.put(key, page, limit)
            response["X-Portal-Cache"] = "miss"
        return response
