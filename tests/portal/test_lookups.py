"""Remembered site-wide lookups and Wagtail's routing: never stale for a visitor once
content changes, never an editor's draft on a public page."""

import pytest
from django.http import HttpResponse
from django.template.autoreload import reset_loaders
from django.utils import translation
from wagtail.models import PageViewRestriction

from notices.models import StationIndexPage
from participation.reports.categories import find_item
from participation.reports.submitting import submit_report
from portal import lookups
from portal.cache import read_generation, request_generation
from portal.page_cache import PageCacheMiddleware
from tests.conftest import publish
from tests.factories import StandardPageFactory
from tests.notices.list_builders import duty_list
from tests.notices.station_builders import small_tree

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
