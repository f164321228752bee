"""Site-wide lookups every page repeats, remembered until content changes.

Each public page needs the same few facts: the bureau's identity, the main menu, the
locales, the page's translations. Fetching them from the database on every request
costs more queries than the page's own content. They are remembered in the shared
cache (Redis in production, so every app server shares them) under the content
generation of portal/cache.py: any publish, unpublish, translation or record saved
moves it on, once committed, and every remembered lookup is built again on its next
use. What residents send in does not move it (a new report: a thousand a day, and no
lookup shows them).

Each app process also holds what it built or read (portal.cache.HeldCache), under the
same key, generation included: a request reads the generation once and, while no
content changes, nothing else. Routing is Wagtail's own.
"""

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import SafeString
from wagtail.models import Locale, Page

from portal.cache import (
    HeldCache,
    content_changed,
    current_generation,
    request_memo,
)

# A remembered lookup never outlives this, even when nothing changes (times of day
# matter to some of them: what is upcoming, what is open).
LOOKUP_SECONDS = 600
# What one app process holds, the least recently used going first. Sizes are pickled
# lengths (the search corpus is about 1.7 MB a language, a community's lookups 1–10
# KB); held objects take about five times that in memory (at city scale, 8 MB
# pickled grew a worker by about 40 MB).
HELD_LOOKUPS = 4_000
HELD_BYTES = 8 * 1024 * 1024
lookups = HeldCache(entries=HELD_LOOKUPS, size=HELD_BYTES)
_MISSING = object()


def forget_all(**kwargs) -> None:
    """Content changed without a signal (bulk writes): every remembered lookup and
    cached page is stale once the transaction commits."""
    content_changed()


def remembered(name: str, build: Callable[[], Any], *parts: object) -> Any:
    """`build()`'s value, from this process or the shared cache while no content has
    changed. `parts` name everything the value depends on. Callers must not modify
    what they get: this process's next requests, in any thread, get it too."""
    generation = current_generation()
    if generation is None:
        return build()
    key = ":".join(["portal:lookups", str(generation), name, *map(str, parts)])
    memo = request_memo()
    value = memo.get(key, _MISSING) if memo is not None else _MISSING
    if value is not _MISSING:
        return value
    value = lookups.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        lookups.set(key, value, LOOKUP_SECONDS)
    if memo is not None:
        memo[key] = value
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


def locale_for_language(language_code: str) -> Locale | None:
    """Locale.objects.get_for_language(language_code), remembered: the project's own
    reads of a locale (the default one, the active one) cost no query while nothing
    changes. None when no locale serves that language."""

    def build() -> Locale | None:
        try:
            return Locale.objects.get_for_language(language_code)
        except (Locale.DoesNotExist, LookupError):
            return None

    return remembered("locale-language", build, language_code)


def default_locale() -> Locale:
    """Locale.get_default(), remembered; raises Locale.DoesNotExist as it does."""
    return locale_for_language(settings.LANGUAGE_CODE) or Locale.get_default()


def active_locale() -> Locale:
    """Locale.get_active(), remembered: the active language's locale, else the
    default one."""
    return locale_for_language(translation.get_language() or "") or default_locale()
