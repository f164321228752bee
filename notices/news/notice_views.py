"""The notices feed: parameters checked here, the feed itself in
notices/news/feeds.py."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from notices.news.feeds import (
    FeedFilter,
    FeedParameterError,
    NoticesFeed,
    bad_request,
    parse_category,
    parse_community,
)


@require_safe
def notices_feed(request: HttpRequest) -> HttpResponse:
    """RSS of published notices; `?community=<id>` and `?category=<key>` narrow it."""
    try:
        selection = FeedFilter(
            community=parse_community(request), category=parse_category(request)
        )
    except FeedParameterError as error:
        return bad_request(error)
    return NoticesFeed()(request, selection=selection)
