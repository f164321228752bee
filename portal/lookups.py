"""Site-wide lookups every page repeats, kept until content changes.

Each public page needs the same few facts: the bureau's identity, the main menu, the
locales, the page's translations. Fetching them from the database on every request
costs more queries than the page's own content. They are kept in the cache (Redis in
production, so every app server shares them) under a content generation: any publish,
unpublish, translation or record saved moves it on (as for the page cache) and every
remembered lookup is rebuilt on its next use. What residents send in does not move it
(a new report, an audit line, a sign-up: a thousand a day, and no lookup shows them).
Each app process also keeps what it fetched for the current generation, so a request
reads the generation from the cache once and nothing else.

Routing is cheaper too: Wagtail finds the site, its root page and then walks the tree
one level at a time (two queries per level); here the site, a table of the pages'
URL paths and the page that answers are remembered, so routing runs no query while
no content changes.
"""

import copy
import functools
import hashlib
import time
import uuid
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest
from django.http.request import split_domain_port, validate_host
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import SafeString
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, LocaleManager, Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from portal.page_cache import IGNORED_MODELS, bump_generation, unseen_yet

# A remembered lookup never outlives this, even when nothing changes (times of day
# matter to some of them: what is upcoming, what is open).
LOOKUP_SECONDS = 600
# At most this many lookups held by a process (a page is 1–3 KB).
MAX_HELD = 10_000
# Changes whenever the cache is emptied, so a process never mistakes a restarted
# generation count for the one it remembers.
EPOCH_KEY = "portal:lookup:epoch"
GENERATION_KEY = "portal:lookup:generation"
# Records that no remembered lookup shows, on top of the page cache's own list.
# Reports count once staff take them up (accepted suggestions are listed).
UNSEEN_MODELS = IGNORED_MODELS | {
    "participation.reportevent",
    "participation.reportphoto",
    "participation.registration",
    "participation.volunteersignup",
    "participation.serviceentry",
    "participation.redemption",
    "participation.agendaproposal",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "otp_totp.totpdevice",
}
# What Django accepts as a host when ALLOWED_HOSTS is empty (DEBUG).
LOCAL_HOSTS = [".localhost", "127.0.0.1", "[::1]"]
_MISSING = object()
_UNREAD = object()
_PREVIEW = object()
# Inside a request (LookupMiddleware): the stamp, read at most once per request.
_request_stamp: ContextVar = ContextVar("portal_lookup_stamp", default=None)
# What this process already fetched, for the stamp it was fetched under.
_process: dict = {"stamp": None, "values": {}}


def _read_stamp() -> str:
    """The cache's epoch and content generation, in one round trip."""
    found = cache.get_many([EPOCH_KEY, GENERATION_KEY])
    epoch = found.get(EPOCH_KEY)
    if epoch is None:
        cache.add(EPOCH_KEY, uuid.uuid4().hex, None)
        epoch = cache.get(EPOCH_KEY)
    current = found.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, 1, None)
        current = cache.get(GENERATION_KEY) or 1
    return f"{epoch}-{current}"


def forget_all(**kwargs) -> None:
    """Content changed: every remembered lookup is stale from now on."""
    bump_generation(GENERATION_KEY)


def on_model_change(sender, instance=None, **kwargs) -> None:
    label = sender._meta.label_lower
    if label not in UNSEEN_MODELS and not unseen_yet(label, instance):
        forget_all()


def stamp() -> str | None:
    """The current generation's stamp; None while serving a preview."""
    value = _request_stamp.get()
    if value is _PREVIEW:
        return None
    if value is None:
        return _read_stamp()
    if value is _UNREAD:
        value = _read_stamp()
        _request_stamp.set(value)
    return value


class LookupMiddleware:
    """Reads the generation once per request instead of once per lookup.

    A preview (Wagtail's dummy request) shows an editor's unsaved draft: lookups
    for it are built fresh and never kept, so no draft reaches a public page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        previewing = getattr(request, "is_dummy", False)
        token = _request_stamp.set(_PREVIEW if previewing else _UNREAD)
        try:
            return self.get_response(request)
        finally:
            _request_stamp.reset(token)


def remembered(name: str, build: Callable[[], Any], *parts: object) -> Any:
    """`build()`'s value, from this process or the cache while no content has
    changed. Callers must not modify what they get: it is shared."""
    current = stamp()
    if current is None:
        return build()
    key = ":".join(["portal:lookup", current, name, *map(str, parts)])
    if _process["stamp"] != current:
        _process["stamp"], _process["values"] = current, {}
    held = _process["values"].get(key)
    now = time.monotonic()
    if held is not None and held[1] > now:
        return held[0]
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, LOOKUP_SECONDS)
    values = _process["values"]
    if len(values) >= MAX_HELD:
        values.clear()  # a crawler's walk through every page: start again
    values[key] = (value, now + LOOKUP_SECONDS)
    return value


def template_version(template_name: str) -> str:
    """A short digest of a template's source: read once per process, or on every call
    while DEBUG, so that a template edited under `make run` shows at once."""
    if settings.DEBUG:
        return template_digest(template_name)
    return kept_template_digest(template_name)


def template_digest(template_name: str) -> str:
    source = get_template(template_name).template.source
    return hashlib.blake2b(source.encode(), digest_size=6).hexdigest()


kept_template_digest = functools.cache(template_digest)


def remembered_markup(template_name: str, context: dict, *parts: object) -> SafeString:
    """What `template_name` writes for `context`, remembered like any lookup. `parts`
    name everything the markup depends on (the language, say); the template's digest
    is part of the name too, so a release with a changed template never shows the
    markup of the old one. For parts of pages that many views repeat unchanged."""
    return remembered(
        "markup",
        lambda: render_to_string(template_name, context),
        template_name,
        template_version(template_name),
        *parts,
    )


def per_language(
    instance: object, name: str, build: Callable[[], Any], language: str = ""
) -> Any:
    """`build()`'s value kept on `instance` for the active language: for what a
    shared (remembered) object works out once and every request then reads. A loop
    over many objects passes the active `language` it read once."""
    kept = instance.__dict__.setdefault(f"_{name}_by_language", {})
    language = language or translation.get_language()
    if language not in kept:
        kept[language] = build()
    return kept[language]


_uncached_get_for_language = LocaleManager.get_for_language


def _get_for_language(self, language_code):
    """Locale rows change only when a language is added: remember them."""
    return remembered(
        "locale", lambda: _uncached_get_for_language(self, language_code), language_code
    )


def private_paths() -> list[str]:
    """Tree paths of the pages with a view restriction (usually none at all)."""
    return remembered(
        "private-paths",
        lambda: sorted(
            PageViewRestriction.objects.values_list("page__path", flat=True)
        ),
    )


def _private_q(self) -> Q:
    """Wagtail's PageQuerySet.private_q without a query per use."""
    condition = Q()
    for path in private_paths():
        condition |= Q(path__startswith=path)
    return condition if condition else Q(pk__in=[])


_uncached_get_view_restrictions = Page.get_view_restrictions


def _get_view_restrictions(self):
    """Serving a page checks its ancestors' restrictions: skip that when the site
    has none."""
    if not private_paths():
        return PageViewRestriction.objects.none()
    return _uncached_get_view_restrictions(self)


_uncached_site_root_paths = Site.get_site_root_paths


def _site_root_paths() -> list:
    """Wagtail reads the sites' root paths from the cache for every page URL it
    builds without a request: from this process instead while nothing changes."""
    return remembered("site-root-paths", _uncached_site_root_paths)


def install() -> None:
    """Called once from the portal app's ready(): Wagtail's per-request lookups of
    locales and view restrictions go through the remembered values."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_all, dispatch_uid=f"lookups-{signal}")
    post_save.connect(on_model_change, dispatch_uid="lookups-save")
    post_delete.connect(on_model_change, dispatch_uid="lookups-delete")
    LocaleManager.get_for_language = _get_for_language
    Site._find_for_request = staticmethod(_find_site)
    Site.get_site_root_paths = staticmethod(_site_root_paths)
    Page.route_for_request = staticmethod(_route_for_request)
    PageQuerySet.private_q = _private_q
    Page.get_view_restrictions = _get_view_restrictions


def breadcrumb_trail(page: Page) -> list[dict]:
    """The page's ancestors below the tree root: title, URL and depth."""

    def build() -> list[dict]:
        return [
            {
                "title": ancestor.title,
                "url": ancestor.get_url(),
                "depth": ancestor.depth,
            }
            for ancestor in page.get_ancestors()
            if not ancestor.is_root()
        ]

    return remembered("breadcrumbs", build, page.path)


def locale_by_id(locale_id: int) -> Locale | None:
    return remembered(
        "locale-id", lambda: Locale.objects.filter(pk=locale_id).first(), locale_id
    )


def page_table() -> dict[str, tuple[int, int, bool]]:
    """Every page's URL path with its id, content type and whether it is live.

    Routing reads it instead of the database: about 3,300 entries (some 200 KB) at city
    scale, built with one query per content generation and shared through the cache.
    """
    return remembered(
        "page-table",
        lambda: {
            url_path: (pk, content_type_id, live)
            for url_path, pk, content_type_id, live in Page.objects.values_list(
                "url_path", "pk", "content_type_id", "live"
            )
        },
    )


def _page_class(content_type_id: int) -> type[Page]:
    return ContentType.objects.get_for_id(content_type_id).model_class() or Page


def _own_routes_match(kind: type[Page], components: Sequence[str]) -> bool:
    """Whether a routable page answers these components itself (before any child)."""
    path = "/" + "".join(f"{part}/" for part in components)
    try:
        kind.get_resolver().resolve(path)
    except Http404:
        return False
    return True


def locate(root_path: str, components: Sequence[str]) -> tuple[int, int, int] | None:
    """Where Wagtail's walk down the tree from the page at `root_path` ends: the id
    and content type of the page that answers, and how many components lead to it
    (it gets the rest). None when no page is there.

    As Page.route would: a routable page on the way gets the remaining components
    first; a page type with any other custom route() gets them whole.
    """
    table = page_table()
    current = table.get(root_path)
    if current is None:
        return None
    prefix = root_path
    for number, part in enumerate(components):
        if number:
            kind = _page_class(current[1])
            remaining = components[number:]
            if issubclass(kind, RoutablePageMixin):
                if kind.route is not RoutablePageMixin.route or (
                    current[2] and _own_routes_match(kind, remaining)
                ):
                    return current[0], current[1], number
            elif kind.route is not Page.route:
                return current[0], current[1], number
        prefix += f"{part}/"
        current = table.get(prefix)
        if current is None:
            return None
    return current[0], current[1], len(components)


def route_by_url_path(root_path: str, request: HttpRequest, components: Sequence[str]):
    """Wagtail's routing below the page at `root_path`, without a query while no
    content changes: the page that answers is remembered too (1–3 KB a page)."""
    found = locate(root_path, components)
    if found is None:
        raise Http404
    pk, content_type_id, used = found
    model = _page_class(content_type_id)
    page = remembered("page", lambda: model._default_manager.filter(pk=pk).first(), pk)
    if page is None:
        raise Http404
    # A copy: what serving sets on the page stays with this request.
    return copy.copy(page).route(request, list(components[used:]))


def _root_path(site: Site) -> str:
    """The URL path of the site's root page in the active language (Wagtail:
    root_page.localized)."""
    return remembered(
        "site-root",
        lambda: site.root_page.localized.url_path,
        site.pk,
        translation.get_language(),
    )


def _route_for_request(request: HttpRequest, path: str):
    """Page.route_for_request from remembered lookups: the site, its root page in the
    active language, the way down and the page that answers."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site = Site.find_for_request(request)
        result = None
        if site is not None:
            components = [part for part in path.split("/") if part]
            try:
                result = route_by_url_path(_root_path(site), request, components)
            except Http404:
                result = None
        request._wagtail_route_for_request = result
    return request._wagtail_route_for_request


_uncached_find_site = Site._find_for_request


def _find_site(request: HttpRequest) -> Site | None:
    """Wagtail's site lookup for a request, remembered per allowed host and port."""
    hostname = split_domain_port(request._get_raw_host())[0]
    if not validate_host(hostname, settings.ALLOWED_HOSTS or LOCAL_HOSTS):
        return _uncached_find_site(request)

    def build() -> Site | None:
        site = _uncached_find_site(request)
        if site is not None:
            site.root_page  # noqa: B018 -- fetched now, kept with the site
        return site

    site = remembered("site", build, hostname, request.get_port())
    return copy.copy(site)
