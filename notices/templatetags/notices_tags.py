"""Notices and events shown on other pages: the home page and the station pages.

Home page:
    {% load notices_tags %}{% latest_notices %}{% upcoming_events %}
Station page:
    {% load notices_tags %}
    {% community_notices page %}{% community_events page %}{% community_sections page %}
"""

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString
from wagtail.models import Locale, Page

from notices import extensions
from notices.models import EventIndexPage, EventPage, NoticeIndexPage, NoticePage
from notices.news.visibility import visible
from portal.lookups import active_locale, remembered

register = template.Library()


def listings(pages) -> list[dict]:
    """What the lists show of each page (`listing()`), as plain data: this is what
    is remembered and shared by later requests, not the pages themselves."""
    return [page.listing() for page in pages]


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


@register.inclusion_tag("notices/includes/latest_notices.html", takes_context=True)
def latest_notices(context, limit: int = 5) -> dict:
    """The newest notices in the visitor's language."""
    locale = _active_locale()
    notices = NoticePage.objects.none()
    index = None
    if locale is not None:
        notices = remembered(
            "latest-notices",
            lambda: listings(
                visible(NoticePage.objects.filter(locale=locale)).order_by(
                    "-date", "-pk"
                )[:limit]
            ),
            locale.pk,
            limit,
        )
        index = _index(NoticeIndexPage, locale)
    return {"notices": notices, "index": index, "request": context.get("request")}


@register.inclusion_tag("notices/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, limit: int = 3) -> dict:
    """The next events in the visitor's language, soonest first."""
    locale = _active_locale()
    events = EventPage.objects.none()
    index = None
    if locale is not None:
        # Kept at most LOOKUP_SECONDS: an event that has just ended may stay listed
        # for a few minutes, as on a cached page.
        events = remembered(
            "upcoming-events",
            lambda: listings(EventPage.upcoming(locale.pk)[:limit]),
            locale.pk,
            limit,
        )
        index = _index(EventIndexPage, locale)
    return {"events": events, "index": index, "request": context.get("request")}


@register.inclusion_tag("notices/includes/community_notices.html", takes_context=True)
def community_notices(context, community: Page, limit: int = 5) -> dict:
    """Notices concerning one community: citywide, its district's and its own."""
    notices = remembered(
        "community-notices",
        lambda: listings(NoticePage.for_community(community)[:limit]),
        community.pk,
        limit,
        translation.get_language(),
    )
    return {
        "notices": notices,
        "feed_url": f"{reverse('notices:notices_feed')}?community={community.pk}",
        "request": context.get("request"),
    }


@register.inclusion_tag("notices/includes/community_events.html", takes_context=True)
def community_events(context, community: Page, limit: int = 5) -> dict:
    """Upcoming events held at one community's station."""
    events = remembered(
        "community-events",
        lambda: listings(EventPage.for_community(community)[:limit]),
        community.pk,
        limit,
        translation.get_language(),
    )
    return {
        "events": events,
        "calendar_url": (
            f"{reverse('notices:events_calendar')}?community={community.pk}"
        ),
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def community_sections(context, community: Page) -> SafeString:
    """The sections other apps add to a community's page (participation's upcoming
    roundtables), through `extensions.COMMUNITY_SECTIONS`; their HTML is theirs."""
    sections = extensions.community_sections(context.get("request"), community)
    return SafeString("".join(sections))
