"""Anonymous readers get cached pages; nothing personal is ever cached."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.views.decorators.cache import never_cache

from home.models import BureauIdentity, HomePage
from portal.page_cache import (
    AnonymousPageCacheMiddleware,
    HeldPages,
    cache_page_until,
    held_pages,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600


def test_second_anonymous_visit_is_served_from_the_cache(client, bilingual_site):
    first = client.get("/zh-hans/")
    second = client.get("/zh-hans/")
    assert first["X-Portal-Cache"] == "miss"
    assert second["X-Portal-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_publishing_shows_the_change_at_once(client, bilingual_site):
    client.get("/zh-hans/")
    home = bilingual_site.home_zh
    home.intro = "新的导语"
    home.save_revision().publish()
    response = client.get("/zh-hans/")
    assert response["X-Portal-Cache"] == "miss"
    assert "新的导语" in response.text


def test_a_snippet_change_shows_at_once(client, bilingual_site):
    client.get("/zh-hans/")
    identity = BureauIdentity.objects.get(locale=bilingual_site.zh)
    identity.hotline = "12345"
    identity.save()
    assert "tel:12345" in client.get("/zh-hans/").text


def test_elderly_mode_and_languages_are_cached_apart(client, bilingual_site):
    client.get("/zh-hans/")
    client.get("/zh-hans/display/elderly/?next=/zh-hans/")
    response = client.get("/zh-hans/")
    assert 'class="mode-elderly"' in response.text
    assert "Skip to main content" in client.get("/en/").text


def test_a_new_day_gets_a_fresh_page(client, bilingual_site):
    with time_machine.travel(
        datetime.datetime(2026, 11, 21, 23, 50, tzinfo=datetime.UTC)
    ):
        client.get("/zh-hans/")
        assert client.get("/zh-hans/")["X-Portal-Cache"] == "hit"
    with time_machine.travel(
        datetime.datetime(2026, 11, 22, 16, 10, tzinfo=datetime.UTC)
    ):
        assert client.get("/zh-hans/")["X-Portal-Cache"] == "miss"


def test_visitors_with_a_session_are_never_served_from_the_cache(
    client, bilingual_site, django_user_model
):
    client.get("/zh-hans/")
    user = django_user_model.objects.create_user("staff", password="x" * 14)
    client.force_login(user)
    assert "X-Portal-Cache" not in client.get("/zh-hans/")


def run_twice(view) -> list[HttpResponse]:
    middleware = AnonymousPageCacheMiddleware(view)
    factory = RequestFactory()
    return [middleware(factory.get("/zh-hans/form/")) for _ in range(2)]


def test_pages_with_a_csrf_token_are_never_cached():
    def form_view(request):
        return HttpResponse(f"<form>{get_token(request)}</form>")

    first, second = run_twice(form_view)
    assert "X-Portal-Cache" not in second
    assert first.content != second.content  # each visitor gets their own token


def test_views_marked_never_cache_are_never_cached():
    calls = []

    @never_cache
    def tracking_view(request):
        calls.append(1)
        return HttpResponse("your report")

    run_twice(tracking_view)
    assert len(calls) == 2


def test_private_paths_are_never_cached(client, bilingual_site):
    calls = []

    def view(request):
        calls.append(1)
        return HttpResponse("x")

    middleware = AnonymousPageCacheMiddleware(view)
    for _ in range(2):
        middleware(RequestFactory().get("/zh-hans/report/track/abc/"))
    assert len(calls) == 2


def test_a_new_report_keeps_the_cache_and_staff_taking_it_up_renews_it(
    client, bilingual_site
):
    """A city's thousand reports a day must not empty the page cache each time; a
    report appears on public pages only once staff act on it."""
    from participation import reports
    from tests.participation.report_builders import build_world, make_report, staff_user

    world = build_world(bilingual_site)
    client.get("/zh-hans/")
    submitted = make_report(world.a).report
    assert client.get("/zh-hans/")["X-Portal-Cache"] == "hit"

    reports.accept(submitted, by=staff_user(world.a))
    assert client.get("/zh-hans/")["X-Portal-Cache"] == "miss"


# Pages each process holds in its own memory


def test_a_page_held_from_before_the_cache_was_emptied_is_not_served(
    client, bilingual_site
):
    """Redis restarted or flushed starts the count of generations again: a page this
    process still holds must not pass for one made under the new count."""
    cache.clear()  # the page is held under the count's first generation
    client.get("/zh-hans/")
    assert client.get("/zh-hans/")["X-Portal-Cache"] == "hit"
    HomePage.objects.filter(pk=bilingual_site.home_zh.pk).update(intro="新的导语")
    cache.clear()
    response = client.get("/zh-hans/")
    assert response["X-Portal-Cache"] == "miss"
    assert "新的导语" in response.text


def test_a_page_kept_until_a_moment_is_not_served_after_it_from_memory_either():
    calls = []

    def opening_hours(request):
        calls.append(1)
        cache_page_until(request, 60)  # the station opens in a minute
        return HttpResponse(f"closed ({len(calls)})")

    middleware = AnonymousPageCacheMiddleware(opening_hours)
    start = datetime.datetime(2026, 11, 21, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        middleware(RequestFactory().get("/zh-hans/station/"))
        assert middleware(RequestFactory().get("/zh-hans/station/")).content == (
            b"closed (1)"
        )
        clock.shift(61)
        assert middleware(RequestFactory().get("/zh-hans/station/")).content == (
            b"closed (2)"
        )


def test_without_memory_to_spare_pages_still_come_from_the_shared_cache(
    client, bilingual_site, settings
):
    settings.PORTAL_PAGE_CACHE_HELD_BYTES = 0
    first = client.get("/zh-hans/")
    second = client.get("/zh-hans/")
    assert second["X-Portal-Cache"] == "hit" and second.content == first.content
    assert len(held_pages) == 0


def test_a_process_holds_no_more_than_its_share_of_pages():
    def page(size: int) -> tuple:
        return (1, 0.0, 200, [], b"x" * size)

    pages = HeldPages()
    pages.put("home", page(100), limit=250)
    pages.put("catalogue", page(100), limit=250)
    assert pages.get("home") is not None  # served lately: kept over the catalogue
    pages.put("notice", page(100), limit=250)
    assert pages.get("catalogue") is None
    assert pages.get("home") is not None and pages.get("notice") is not None
    assert pages.size == 200
    pages.put("huge", page(300), limit=250)
    assert pages.get("huge") is None and pages.size == 200
