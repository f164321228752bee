"""Anonymous readers get cached pages; nothing personal is ever cached."""

import datetime

import pytest
import time_machine
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.views.decorators.cache import never_cache

from home.models import BureauIdentity
from portal.page_cache import AnonymousPageCacheMiddleware

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
