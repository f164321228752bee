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

Routing is cheaper too: Wagtail walks the tree one level at a time (two queries per
level); `route_by_url_path` finds the whole chain of pages in one query.
"""

import time
import uuid
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, LocaleManager, Page, PageViewRestriction
from wagtail.query import PageQuerySet

from portal.page_cache import IGNORED_MODELS, bump_generation, unseen_yet

# A remembered lookup never outlives this, even when nothing changes (times of day
# matter to some of them: what is upcoming, what is open).
LOOKUP_SECONDS = 600
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
_MISSING = object()
_UNREAD = object()
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


def stamp() -> str:
    value = _request_stamp.get()
    if value is None:
        return _read_stamp()
    if value is _UNREAD:
        value = _read_stamp()
        _request_stamp.set(value)
    return value


class LookupMiddleware:
    """Reads the generation once per request instead of once per lookup."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_stamp.set(_UNREAD)
        try:
            return self.get_response(request)
        finally:
            _request_stamp.reset(token)


def remembered(name: str, build: Callable[[], Any], *parts: object) -> Any:
    """`build()`'s value, from this process or the cache while no content has
    changed. Callers must not modify what they get: it is shared."""
    current = stamp()
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
    _process["values"][key] = (value, now + LOOKUP_SECONDS)
    return value


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


def install() -> None:
    """Called once from the portal app's ready(): Wagtail's per-request lookups of
    locales and view restrictions go through the remembered values."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_all, dispatch_uid=f"lookups-{signal}")
    post_save.connect(on_model_change, dispatch_uid="lookups-save")
    post_delete.connect(on_model_change, dispatch_uid="lookups-delete")
    LocaleManager.get_for_language = _get_for_language
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


def _own_routes_match(page: Page, components: Sequence[str]) -> bool:
    """Whether a routable page answers these components itself (before any child)."""
    path = "/" + "".join(f"{part}/" for part in components)
    try:
        page.specific_class.get_resolver().resolve(path)
    except Http404:
        return False
    return True


def _hand_over(page: Page, parent: Page, request: HttpRequest, remaining):
    specific = page.specific
    specific._cached_parent_obj = parent
    return specific.route(request, list(remaining))


def route_by_url_path(root: Page, request: HttpRequest, components: Sequence[str]):
    """Wagtail's routing below `root`, with all pages on the way found in one query.

    Behaves like walking the tree with Page.route from `root`: a routable page on the
    way gets the remaining components first; a page type with any other custom
    route() gets them whole.
    """
    prefixes = [
        root.url_path + "".join(f"{part}/" for part in components[: n + 1])
        for n in range(len(components))
    ]
    found = {
        page.url_path: page
        for page in Page.objects.descendant_of(root).filter(url_path__in=prefixes)
    }
    parent: Page = root
    current: Page | None = None
    for number, prefix in enumerate(prefixes):
        if current is not None:
            remaining = components[number:]
            kind = current.specific_class or Page
            if issubclass(kind, RoutablePageMixin):
                if kind.route is not RoutablePageMixin.route or (
                    current.live and _own_routes_match(current, remaining)
                ):
                    return _hand_over(current, parent, request, remaining)
            elif kind.route is not Page.route:
                return _hand_over(current, parent, request, remaining)
            parent = current
        current = found.get(prefix)
        if current is None:
            raise Http404
        current._cached_parent_obj = parent
    return _hand_over(current, parent, request, [])
