"""Subscriptions: the RSS feed of notices and the iCalendar feed of events.

`/<lang>/feeds/notices/` lists published notices in that language, newest first.
`?community=<id>` limits it to the notices concerning one community station (citywide,
its district's and its own); `?category=<key>` to one category (announcement,
work-news, policy, ranking, service). Both combine. Bad values get a 400 that says
what is expected. Notices hold no personal data, and nothing else goes in a feed.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django import forms
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone, translation
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page

from notices.models import CommunityPage, EventPage, NoticeCategory, NoticePage
from notices.news.visibility import visible
from portal.params import IdField, ParamsForm, check_params

FEED_LENGTH = 30
CALENDAR_PAST_DAYS = 90


class FeedParameterError(ValueError):
    pass


@dataclass
class FeedFilter:
    community: Page | None = None
    category: str = ""


def active_locale() -> Locale:
    return Locale.objects.get(language_code=translation.get_language())


def category_error() -> str:
    return _("category must be one of: %(choices)s.") % {
        "choices": ", ".join(NoticeCategory.values)
    }


class FeedParams(ParamsForm):
    community = IdField(
        error_messages={
            key: gettext_lazy(
                "community must be the number of a community station, "
                "for example ?community=12."
            )
            for key in ("invalid", "min_value", "max_value")
        }
    )
    category = forms.ChoiceField(
        required=False,
        choices=[("", "")] + NoticeCategory.choices,
        error_messages={
            "invalid_choice": lazy(category_error, str)(),
        },
    )


def feed_params(request: HttpRequest) -> dict:
    params, messages = check_params(FeedParams, request.GET)
    if messages:
        raise FeedParameterError(" ".join(messages))
    return params


def parse_community(request: HttpRequest) -> Page | None:
    """The community named by `?community=<id>`, in the active language when
    translated."""
    pk = feed_params(request)["community"]
    if pk is None:
        return None
    community = CommunityPage.objects.live().filter(pk=pk).first()
    if community is None:
        raise FeedParameterError(
            _("There is no community station number %(id)s.") % {"id": pk}
        )
    return community.get_translation_or_none(active_locale()) or community


def parse_category(request: HttpRequest) -> str:
    return feed_params(request)["category"]


def bad_request(error: FeedParameterError) -> HttpResponse:
    return HttpResponseBadRequest(
        f"{error}\n", content_type="text/plain; charset=utf-8"
    )


def notices_for(selection: FeedFilter, locale: Locale):
    if selection.community is not None:
        notices = NoticePage.for_community(selection.community, locale=locale)
    else:
        notices = visible(NoticePage.objects.filter(locale=locale)).order_by(
            "-date", "-pk"
        )
    if selection.category:
        notices = notices.filter(category=selection.category)
    return notices


class NoticesFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, selection: FeedFilter):
        self.request = request
        return selection

    def title(self, selection: FeedFilter) -> str:
        parts = [_("Notices")]
        if selection.category:
            parts.append(str(NoticeCategory(selection.category).label))
        if selection.community is not None:
            parts.append(selection.community.title)
        return " · ".join(parts)

    def link(self, selection: FeedFilter) -> str:
        if selection.community is not None:
            return selection.community.url or "/"
        return f"/{translation.get_language()}/"

    def description(self, selection: FeedFilter) -> str:
        return _("Notices published by the urban management bureau.")

    def items(self, selection: FeedFilter):
        notices = notices_for(selection, active_locale()).select_related("locale")
        return notices[:FEED_LENGTH]

    def item_title(self, item: NoticePage) -> str:
        return item.title

    def item_description(self, item: NoticePage) -> str:
        return item.excerpt

    def item_link(self, item: NoticePage) -> str:
        return item.url

    def item_pubdate(self, item: NoticePage) -> datetime:
        return timezone.make_aware(datetime.combine(item.date, time(9)))

    def item_updateddate(self, item: NoticePage) -> datetime | None:
        return item.last_published_at

    def item_categories(self, item: NoticePage) -> list[str]:
        return [str(item.get_category_display())]

    def item_guid(self, item: NoticePage) -> str:
        return f"notice-{item.translation_key}-{item.locale.language_code}"

    item_guid_is_permalink = False


def events_for(community: Page | None, locale: Locale):
    """Events for the calendar feed: upcoming ones and those of the last 90 days."""
    events = (
        visible(EventPage.objects.filter(locale=locale))
        .filter(end__gte=timezone.now() - timedelta(days=CALENDAR_PAST_DAYS))
        .select_related("community")
        .order_by("start", "pk")
    )
    if community is not None:
        events = events.filter(community__translation_key=community.translation_key)
    return events
