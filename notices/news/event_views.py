"""Calendar files: one event's .ics and the feed of all events."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from notices.models import EventPage
from notices.news.feeds import (
    FeedParameterError,
    active_locale,
    bad_request,
    events_for,
    parse_community,
)
from notices.news.ics import calendar_for, ics_response
from notices.news.visibility import visible


@require_safe
def event_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    """One event as an .ics file to add to a phone's calendar."""
    event = visible(EventPage.objects.filter(pk=event_id)).first()
    if event is None:
        raise Http404(_("No such event."))
    body = calendar_for([event], request, event.title)
    return ics_response(body, f"event-{event.pk}.ics")


@require_safe
def events_calendar(request: HttpRequest) -> HttpResponse:
    """All events as a calendar to subscribe to; `?community=<id>` narrows it."""
    try:
        community = parse_community(request)
    except FeedParameterError as error:
        return bad_request(error)
    name = _("Events")
    if community is not None:
        name = f"{name} · {community.title}"
    body = calendar_for(events_for(community, active_locale()), request, name)
    return ics_response(body, "events.ics")
