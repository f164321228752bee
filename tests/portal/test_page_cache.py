"""Anonymous readers get cached pages, whole: every header comes back as the view set
it, variants named by Vary are kept apart, and nothing personal is ever cached."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.views.decorators.cache import never_cache

from home.models import BureauIdentity, HomePage
from portal.cache import GENERATION_KEY, new_generation
from portal.page_cache import cache_page_until, pages
from tests.notices.event_builders import event_index, make_event
from tests.notices.list_builders import catalogue, duty_list
from tests.notices.station_builders import small_tree

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
    for header in ("Content-Type", "Content-Security-Policy", "X-Frame-Options"):
        assert second[header] == first[header], header


def test_publishing_shows_the_change_at_once(client, bilingual_site):
    client.get("/zh-hans/")
    home = bilingual_site.home_zh
    home.intro = "新的导语"
    home.save_revision().publish()
    response = client.get("/zh-hans/")
    assert response["X-Portal-Cache"] == "miss"
    assert "新的导语" in response.text


def test_a_cached_page_says_it_varies_on_cookies_as_the_first_answer_did(
    client, bilingual_site
):
    """Pages look at the session (to show signed-in staff their toolbar), so the
    first answer says `Vary: Cookie`; a copy that did not would let a proxy hand an
    anonymous page to staff. The server's key leaves cookies out: a visitor with a
    session cookie is never answered from it."""
    first = client.get("/zh-hans/")
    client.cookies["analytics"] = "a-visitor"  # a cookie no page reads
    again = client.get("/zh-hans/")
    assert again["X-Portal-Cache"] == "hit"
    assert "Cookie" in first["Vary"]
    assert again["Vary"] == first["Vary"]


def test_a_page_this_process_holds_is_not_served_once_another_moved_the_generation(
    client, bilingual_site
):
    """Another app server publishes: the row changes and the generation moves in the
    shared cache; this process sees no signal, only the generation."""
    client.get("/zh-hans/")
    assert client.get("/zh-hans/")["X-Portal-Cache"] == "hit"  # held here now
    HomePage.objects.filter(pk=bilingual_site.home_zh.pk).update(intro="另一台的导语")
    cache.set(GENERATION_KEY, new_generation(), None)
    response = client.get("/zh-hans/")
    assert response["X-Portal-Cache"] == "miss"
    assert "另一台的导语" in response.text


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


def test_each_host_gets_its_own_copy(client, bilingual_site):
    client.get("/zh-hans/", HTTP_HOST="localhost")
    assert client.get("/zh-hans/", HTTP_HOST="127.0.0.1")["X-Portal-Cache"] == "miss"
    assert client.get("/zh-hans/", HTTP_HOST="localhost")["X-Portal-Cache"] == "hit"


def test_visitors_with_a_session_are_never_served_from_the_cache(
    client, bilingual_site, django_user_model
):
    client.get("/zh-hans/")
    user = django_user_model.objects.create_user("staff", password="x" * 14)
    client.force_login(user)
    assert "X-Portal-Cache" not in client.get("/zh-hans/")


def test_a_new_report_keeps_the_cache_and_staff_taking_it_up_renews_it(
    client, bilingual_site
):
    """A city's thousand reports a day must not empty the page cache each time; a
    report appears on public pages only once staff act on it."""
    from participation.reports.staff_actions import accept
    from tests.participation.report_builders import build_world, make_report, staff_user

    world = build_world(bilingual_site)
    client.get("/zh-hans/")
    submitted = make_report(world.a).report
    assert client.get("/zh-hans/")["X-Portal-Cache"] == "hit"

    accept(submitted, by=staff_user(world.a, "view_report", "change_report"))
    assert client.get("/zh-hans/")["X-Portal-Cache"] == "miss"


# Downloads: the second visitor gets the same file, under the same name.


def downloads(site) -> dict[str, str]:
    lenient = catalogue(site.home_zh)
    duties = duty_list(site.home_zh)
    _index, _district, _sub, (station, *_rest) = small_tree(site, communities=1)
    event = make_event(event_index(site.home_zh), "城管开放日")
    return {
        "catalogue.xlsx": lenient.url + "download/xlsx/",
        "catalogue.csv": lenient.url + "download/csv/?status=in_force",
        "duties.json": duties.url + "download/json/",
        "duties.xlsx": duties.url + "download/xlsx/",
        "qr.png": station.url + "qr/png/",
        "qr.svg": station.url + "qr/svg/",
        "event.ics": f"/zh-hans/feeds/events/{event.pk}.ics",
        "calendar.ics": "/zh-hans/feeds/events.ics",
    }


def test_a_download_served_from_the_cache_keeps_its_file_name_and_type(
    client, bilingual_site
):
    for name, url in downloads(bilingual_site).items():
        first = client.get(url)
        second = client.get(url)
        assert first.status_code == 200, name
        assert second["X-Portal-Cache"] == "hit", name
        assert first["Content-Disposition"].startswith("attachment;"), name
        for header in ("Content-Disposition", "Content-Type"):
            assert second[header] == first[header], (name, header)
        assert second.content == first.content, name


def test_the_held_copy_and_the_shared_copy_give_the_same_answer(client, bilingual_site):
    for name, url in downloads(bilingual_site).items():
        first = client.get(url)
        held = client.get(url)
        pages.clear_held()  # as another app process, which has only the shared copy
        shared = client.get(url)
        assert held["X-Portal-Cache"] == shared["X-Portal-Cache"] == "hit", name
        assert held.items() == shared.items(), name
        assert held.content == shared.content == first.content, name
        del first["X-Portal-Cache"], held["X-Portal-Cache"]
        assert first.items() == held.items(), name


# Vary, cookies and tokens, with views of their own (urls: this module).


def by_accept_language(request):
    response = HttpResponse(f"lang={request.LANGUAGE_CODE}")
    response["Vary"] = "Accept-Language"
    return response


def by_font_cookie(request):
    response = HttpResponse(f"font={request.COOKIES.get('font', 'normal')}")
    response["Vary"] = "Cookie"
    return response


def by_device_header(request):
    response = HttpResponse(f"device={request.headers.get('X-Device', 'none')}")
    response["Vary"] = "X-Device"
    return response


CALLS: list[str] = []


def sets_a_cookie(request):
    CALLS.append("cookie")
    response = HttpResponse("welcome")
    response.set_cookie("visitor", f"v{len(CALLS)}")
    return response


def form_with_token(request):
    return HttpResponse(f"<form>{get_token(request)}</form>")


@never_cache
def tracking(request):
    CALLS.append("tracking")
    return HttpResponse("your report")


def opening_hours(request):
    CALLS.append("hours")
    cache_page_until(request, 60)  # the station opens in a minute
    return HttpResponse(f"closed ({len(CALLS)})")


urlpatterns = [
    path("vary/language/", by_accept_language),
    path("vary/cookie/", by_font_cookie),
    path("vary/device/", by_device_header),
    path("cookie/", sets_a_cookie),
    path("form/", form_with_token),
    path("tracking/", tracking),
    path("report/track/abc/", opening_hours),
    path("station/", opening_hours),
]
own_views = pytest.mark.urls(__name__)


@pytest.fixture(autouse=True)
def no_calls():
    CALLS.clear()


@own_views
def test_answers_for_two_languages_are_never_mixed(client):
    def get(language: str):
        return client.get("/vary/language/", HTTP_ACCEPT_LANGUAGE=language)

    assert get("en").content == b"lang=en"
    assert get("zh-hans").content == b"lang=zh-hans"
    again = get("en")
    assert again.content == b"lang=en" and again["X-Portal-Cache"] == "hit"
    assert again["Vary"] == "Accept-Language"


@own_views
def test_answers_for_two_cookies_are_never_mixed(client):
    client.cookies["font"] = "large"
    assert client.get("/vary/cookie/").content == b"font=large"
    client.cookies["font"] = "small"
    assert client.get("/vary/cookie/").content == b"font=small"
    client.cookies["font"] = "large"
    again = client.get("/vary/cookie/")
    assert again.content == b"font=large" and again["X-Portal-Cache"] == "hit"


@own_views
def test_any_header_vary_names_is_part_of_the_key(client):
    assert client.get("/vary/device/", HTTP_X_DEVICE="phone").content == (
        b"device=phone"
    )
    assert client.get("/vary/device/", HTTP_X_DEVICE="tv").content == b"device=tv"
    again = client.get("/vary/device/", HTTP_X_DEVICE="phone")
    assert again.content == b"device=phone" and again["X-Portal-Cache"] == "hit"


@own_views
def test_an_answer_that_sets_a_cookie_is_never_stored(client):
    first = client.get("/cookie/")
    second = client.get("/cookie/")
    assert CALLS == ["cookie", "cookie"]
    assert "X-Portal-Cache" not in second
    assert second.cookies["visitor"].value != first.cookies["visitor"].value


@own_views
def test_pages_with_a_csrf_token_are_never_cached(client):
    first = client.get("/form/")
    client.cookies.clear()  # a second visitor
    second = client.get("/form/")
    assert "X-Portal-Cache" not in second
    assert first.content != second.content  # each visitor gets their own token


@own_views
def test_views_marked_never_cache_are_never_cached(client):
    client.get("/tracking/")
    client.get("/tracking/")
    assert CALLS == ["tracking", "tracking"]


@own_views
def test_private_paths_are_never_cached(client):
    client.get("/report/track/abc/")
    client.get("/report/track/abc/")
    assert CALLS == ["hours", "hours"]


@own_views
def test_a_page_kept_until_a_moment_is_not_served_after_it(client):
    start = datetime.datetime(2026, 11, 21, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        assert client.get("/station/").content == b"closed (1)"
        assert client.get("/station/").content == b"closed (1)"
        clock.shift(61)
        assert client.get("/station/").content == b"closed (2)"


@own_views
def test_a_page_read_from_the_shared_cache_is_held_no_longer_than_it_was_kept(client):
    start = datetime.datetime(2026, 11, 21, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        assert client.get("/station/").content == b"closed (1)"
        pages.clear_held()  # another app process served it first
        clock.shift(50)
        assert client.get("/station/").content == b"closed (1)"  # held from now on
        clock.shift(11)
        assert client.get("/station/").content == b"closed (2)"


@own_views
def test_visitors_with_messages_waiting_are_never_served_from_the_cache(client):
    client.get("/vary/device/")
    client.cookies["messages"] = "pending"
    assert "X-Portal-Cache" not in client.get("/vary/device/")
