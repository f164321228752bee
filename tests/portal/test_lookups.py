"""Remembered site-wide lookups and Wagtail's routing: never stale for a visitor once
content changes, never an editor's draft on a public page."""

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache
from django.http import HttpResponse
from django.template.autoreload import reset_loaders
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from notices.models import StationIndexPage
from participation.reports.categories import find_item
from participation.reports.submitting import submit_report
from portal import lookups
from portal.cache import (
    GENERATION_KEY,
    new_generation,
    read_generation,
    request_generation,
)
from portal.page_cache import PageCacheMiddleware
from tests.conftest import publish
from tests.factories import StandardPageFactory
from tests.notices.event_builders import (
    event_index,
    make_event,
    make_notice,
    notice_index,
)
from tests.notices.list_builders import catalogue, duty_list
from tests.notices.station_builders import small_tree, translate_tree

pytestmark = pytest.mark.django_db


def menu_page(site, title="办事指南"):
    page = StandardPageFactory(parent=site.home_zh, title=title, show_in_menus=True)
    return publish(page)


def test_the_main_menu_shows_a_renamed_page_once_it_is_published(
    client, bilingual_site
):
    page = menu_page(bilingual_site)
    assert "办事指南" in client.get("/zh-hans/").content.decode()
    page.title = "便民服务"
    page.save_revision()
    assert "办事指南" in client.get("/zh-hans/").content.decode()  # a draft only
    publish(page)
    html = client.get("/zh-hans/").content.decode()
    assert "便民服务" in html
    assert "办事指南" not in html


def test_a_lookup_this_process_holds_is_built_again_once_another_moved_the_generation(
    client, bilingual_site
):
    """Another app server publishes: the row changes and the generation moves in the
    shared cache; this process sees no signal, only the generation."""
    page = menu_page(bilingual_site)
    client.get("/zh-hans/")
    assert "办事指南" in client.get("/zh-hans/").text  # the menu is held here now
    Page.objects.filter(pk=page.pk).update(title="便民服务")
    cache.set(GENERATION_KEY, new_generation(), None)
    html = client.get("/zh-hans/").text
    assert "便民服务" in html
    assert "办事指南" not in html


def test_a_held_lookup_is_built_again_once_its_time_is_up(db):
    built = []

    def build():
        built.append(len(built) + 1)
        return built[-1]

    def read():
        with request_generation(keep=True):
            return lookups.remembered("hours-probe", build)

    start = datetime.datetime(2026, 11, 21, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        assert read() == 1
        clock.shift(lookups.LOOKUP_SECONDS - 1)
        assert read() == 1
        clock.shift(2)
        assert read() == 2


def test_pages_built_from_held_lookups_read_as_pages_built_afresh(
    client, bilingual_site
):
    """A held lookup is shared by every later request of the process, in either
    language: no page may change what it was given, and what is remembered for one
    language is never shown in the other."""
    site = bilingual_site
    index, district, sub, (community, _other) = small_tree(site)
    translate_tree(site, [index, district, sub, community])
    notices, events = notice_index(site.home_zh), event_index(site.home_zh)
    notice = make_notice(notices, "夜间施工通告")
    event = make_event(events, community=community)
    lenient, duties = catalogue(site.home_zh), duty_list(site.home_zh)
    addresses = [
        "/zh-hans/",
        "/en/",
        index.url,
        community.url,
        community.url + "poster/",
        "/en" + community.url.removeprefix("/zh-hans"),
        lenient.url,
        duties.url,
        notices.url,
        notice.url,
        events.url,
        event.url,
        "/zh-hans/search/?q=%E6%96%BD%E5%B7%A5",
    ]

    def page(address: str) -> str:
        response = client.get(address)
        assert response.status_code == 200, address
        return re.sub(r'nonce="[^"]*"', "", response.text)

    afresh = {}
    for address in addresses:
        cache.set(GENERATION_KEY, new_generation(), None)
        afresh[address] = page(address)
    for _turn in range(2):
        for address in addresses:
            assert page(address) == afresh[address], address


def test_breadcrumbs_follow_a_renamed_parent(client, bilingual_site):
    index, district, sub, (community, _other) = small_tree(
        bilingual_site, staff_per_community=0, photos=False
    )
    assert "黄河街道" in client.get(community.url).content.decode()
    sub.title = "淮海街道"
    publish(sub)
    html = client.get(community.url).content.decode()
    assert "淮海街道" in html
    assert "黄河街道" not in html


def test_a_section_made_private_is_not_served_from_remembered_lookups(
    client, bilingual_site
):
    page = menu_page(bilingual_site, title="内部通知")
    assert client.get(page.url).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    response = client.get(page.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert "内部通知" not in client.get("/zh-hans/").content.decode()


def test_routing_finds_deep_pages_routable_subpages_and_nothing_else(
    client, bilingual_site
):
    index, district, sub, (community, _other) = small_tree(
        bilingual_site, staff_per_community=0, photos=False
    )
    assert client.get(community.url).context["page"] == community
    assert client.get(community.url + "poster/").status_code == 200
    assert client.get(index.url + "map/").status_code == 200
    assert client.get(index.url + "no-such-district/").status_code == 404
    assert client.get(community.url + "no-such-view/").status_code == 404
    community.unpublish()
    assert client.get(community.url).status_code == 404
    assert StationIndexPage.objects.live().count() == 1


def test_residents_reports_do_not_throw_away_the_remembered_lookups(bilingual_site):
    _index, _district, _sub, (community, _other) = small_tree(
        bilingual_site, staff_per_community=0, photos=False
    )
    duty_list(bilingual_site.home_zh)
    before = read_generation()
    submit_report(
        community=community,
        item=find_item("EH-01"),
        description="楼道堆物。",
        location="3号楼",
    )
    assert read_generation() == before
    publish(community)
    assert read_generation() != before


def test_previews_build_lookups_afresh_and_leave_nothing_behind(rf):
    """A preview shows an editor's draft: what it looks up must not be kept for
    the public."""
    built = []

    def build():
        built.append(len(built) + 1)
        return built[-1]

    def view(request):
        return HttpResponse(str(lookups.remembered("preview-probe", build)))

    preview = rf.get("/")
    preview.is_dummy = True  # how Wagtail marks the request of a preview
    middleware = PageCacheMiddleware(view)
    assert middleware(preview).content == b"1"
    assert middleware(preview).content == b"2"
    assert middleware(rf.get("/")).content == b"3"
    assert middleware(rf.get("/")).content == b"3"  # the public answer is kept


def test_a_page_moved_to_a_new_address_is_found_there_and_not_at_the_old(
    client, bilingual_site
):
    page = menu_page(bilingual_site, title="办事指南")
    old = page.url
    assert client.get(old).status_code == 200
    page.slug = "guide"
    publish(page)
    assert client.get("/zh-hans/guide/").context["page"] == page
    assert client.get(old).status_code == 404


def test_under_debug_an_edited_template_shows_at_once(settings, tmp_path):
    """`make run` (DEBUG): runserver reloads a template edited on disk, and the
    markup remembered from the old one is not shown any more."""
    settings.DEBUG = True
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [str(tmp_path)],
        }
    ]
    template = tmp_path / "footer_note.html"
    template.write_text("旧的{{ word }}")
    assert lookups.remembered_markup("footer_note.html", {"word": "页脚"}, "zh") == (
        "旧的页脚"
    )
    template.write_text("新的{{ word }}")
    reset_loaders()  # what runserver does when a template file changes
    assert lookups.remembered_markup("footer_note.html", {"word": "页脚"}, "zh") == (
        "新的页脚"
    )


def test_locales_are_remembered_and_follow_the_active_language(
    bilingual_site, django_assert_num_queries
):
    with request_generation(keep=True):
        with translation.override("en"):
            assert lookups.active_locale() == bilingual_site.en
        with translation.override("zh-hans"):
            assert lookups.active_locale() == bilingual_site.zh
        assert lookups.default_locale() == bilingual_site.zh
        assert lookups.locale_for_language("fr") is None
    with request_generation(keep=True), django_assert_num_queries(0):
        with translation.override("en"):
            assert lookups.active_locale() == bilingual_site.en
        assert lookups.default_locale() == bilingual_site.zh
    with translation.override("fr"):  # no French locale: the default one
        assert lookups.active_locale() == bilingual_site.zh
