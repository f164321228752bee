"""Public URLs of what the bureau publishes (under the language prefix)."""

from django.urls import path

from notices.lists import duty_views
from notices.merchants import views as merchant_views
from notices.news import event_views, notice_views

app_name = "notices"

urlpatterns: list = [
    path("feeds/notices/", notice_views.notices_feed, name="notices_feed"),
    path("feeds/events.ics", event_views.events_calendar, name="events_calendar"),
    path("feeds/events/<id:event_id>.ics", event_views.event_ics, name="event_ics"),
    path(
        "communities/<id:community_id>/lists/",
        duty_views.three_lists,
        name="community_three_lists",
    ),
    path("merchants/", merchant_views.merchant_directory, name="merchant_directory"),
    path("red-black-ranking/", merchant_views.ranking, name="merchant_ranking"),
]
