"""Notices and events shown on other pages: the home page and the station pages.

Home page:
    {% load notices_tags %}{% latest_notices %}{% upcoming_events %}
Station page:
    {% load notices_tags %}
    {% community_notices page %}{% community_events page %}{% community_sections page %}
"""

from collections.abc import Callable

from django import template
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString
from wagtail.models import Locale, Page

from notices import extensions
from notices.models import EventIndexPage, EventPage, NoticeIndexPage, NoticePage
from notices.news.visibility import visible
from portal.lookups import active_locale, remembered

register = template.Library()


def _active_locale() -> Locale | None:
    try:
        return active_locale()
    except Locale.DoesNotExist:
        return None


def _index(model: type[Page], locale: Locale) -> Page | None:
    """The live index page of `model` in `locale` (one per language)."""
    return remembered(
        "index-page",
        lambda: model.objects.live().filter(locale=locale).first(),
        model._meta.label_lower,
        locale.pk,
    )


def _first(name: str, pages: Callable[[], QuerySet], key: int, limit: int) -> list:
    """What the lists show of the first `limit` of `pages()` (each page's
    `listing()`, plain data), remembered under `name` for `key`, `limit` and the
    active language: this, not the pages, is what later requests share."""
    return remembered(
        name,
        lambda: [page.listing() for page in pages()[:limit]],
        key,
        limit,
        translation.get_language(),
    )


def _in_active_language(
    name: str,
    model: type[Page],
    index_model: type[Page],
    pages: Callable[[Locale], QuerySet],
    limit: int,
) -> tuple[list | QuerySet, Page | None]:
    """The first `limit` of `pages(locale)` in the visitor's language, and that
    language's index page; none of either when no language is active."""
    locale = _active_locale()
    if locale is None:
        return model.objects.none(), None
    return _first(name, lambda: pages(locale), locale.pk, limit), _index(
        index_model, locale
    )


def _for_community(
    name: str,
    pages: Callable[[Page], QuerySet],
    url_name: str,
    community: Page,
    limit: int,
) -> tuple[list, str]:
    """The first `limit` of `pages(community)`, remembered, and the address of the
    feed `url_name` narrowed to that community."""
    found = _first(name, lambda: pages(community), community.pk, limit)
    return found, f"{reverse(url_name)}?community={community.pk}"


@register.inclusion_tag("notices/includes/latest_notices.html", takes_context=True)
def latest_notices(context, limit: int = 5) -> dict:
    """The newest notices in the visitor's language."""
    notices, index = _in_active_language(
        "latest-notices",
        NoticePage,
        NoticeIndexPage,
        lambda locale: visible(NoticePage.objects.filter(locale=locale)).order_by(
            "-date", "-pk"
        ),
        limit,
    )
    return {"notices": notices, "index": index, "request": context.get("request")}


@register.inclusion_tag("notices/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, limit: int = 3) -> dict:
    """The next events in the visitor's language, soonest first."""
    # Kept at most LOOKUP_SECONDS: an event that has just ended may stay listed for a
    # few minutes, as on a cached page.
    events, index = _in_active_language(
        "upcoming-events",
        EventPage,
        EventIndexPage,
        lambda locale: EventPage.upcoming(locale.pk),
        limit,
    )
    return {"events": events, "index": index, "request": context.get("request")}


@register.inclusion_tag("notices/includes/community_notices.html", takes_context=True)
def community_notices(context, community: Page, limit: int = 5) -> dict:
    """Notices concerning one community: citywide, its district's and its own."""
    notices, feed_url = _for_community(
        "community-notices",
        NoticePage.for_community,
        "notices:notices_feed",
        community,
        limit,
    )
    return {"notices": notices, "feed_url": feed_url, "request": context.get("request")}


@register.inclusion_tag("notices/includes/community_events.html", takes_context=True)
def community_events(context, community: Page, limit: int = 5) -> dict:
    """Upcoming events held at one community's station."""
    events, calendar_url = _for_community(
        "community-events",
        EventPage.for_community,
        "notices:events_calendar",
        community,
        limit,
    )
    return {
        "events": events,
        "calendar_url": calendar_url,
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def community_sections(context, community: Page) -> SafeString:
    """The sections other apps add to a community's page (participation's upcoming
    roundtables), through `extensions.COMMUNITY_SECTIONS`; their HTML is theirs."""
    sections = extensions.community_sections(context.get("request"), community)
    return SafeString("".join(sections))
