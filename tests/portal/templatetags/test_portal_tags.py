"""The site-wide template tags: a language switch that keeps your place, hreflang
alternates, the main menu, and a page's blocks written once and remembered (the same
markup as Wagtail's include_block, and never an old one once content changes); the
description and Open Graph card of a shared link."""

import pytest
from bs4 import BeautifulSoup
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from home.models import HomePage, StandardPage
from portal.cache import request_generation
from tests.conftest import publish, translate

pytestmark = pytest.mark.django_db


def switch_links(response) -> dict[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {a["hreflang"]: a["href"] for a in soup.select(".lang-switch a")}


def test_language_switch_lands_on_the_translated_page_even_with_another_slug(
    client, bilingual_site
):
    page = StandardPage(title="个人信息保护说明", slug="yinsi")
    bilingual_site.home_zh.add_child(instance=page)
    publish(page)
    translate(page, bilingual_site.en, title="Privacy notice", slug="privacy")

    zh = client.get("/zh-hans/yinsi/")
    assert zh.status_code == 200
    assert switch_links(zh) == {"en": "/en/privacy/"}
    en = client.get("/en/privacy/")
    assert switch_links(en) == {"zh-hans": "/zh-hans/yinsi/"}


def test_language_switch_without_translation_goes_to_the_other_home(
    client, bilingual_site
):
    page = StandardPage(title="仅中文", slug="only-zh")
    bilingual_site.home_zh.add_child(instance=page)
    publish(page)
    assert switch_links(client.get("/zh-hans/only-zh/")) == {"en": "/en/"}


def test_language_switch_keeps_path_and_query_on_views_that_are_not_pages(
    client, bilingual_site
):
    response = client.get("/zh-hans/no-such-page/?community=3")
    assert response.status_code == 404
    assert switch_links(response) == {"en": "/en/no-such-page/?community=3"}


def test_hreflang_alternates_name_both_languages(client, bilingual_site):
    soup = BeautifulSoup(client.get("/zh-hans/").content, "html.parser")
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate]")
    }
    assert alternates == {"zh-hans": "/zh-hans/", "en": "/en/"}


def test_menu_lists_pages_shown_in_menus_only(client, bilingual_site):
    shown = StandardPage(title="关于", slug="about", show_in_menus=True)
    hidden = StandardPage(title="隐藏页", slug="hidden", show_in_menus=False)
    for page in (shown, hidden):
        bilingual_site.home_zh.add_child(instance=page)
        page.save_revision().publish()
    menu = BeautifulSoup(
        client.get("/zh-hans/about/").content, "html.parser"
    ).select_one(".main-menu")
    labels = [a.text for a in menu.select("a")]
    # The page shown in menus, and the residents' features between and after the
    # pages (participation/menu.py); never the hidden page.
    assert labels == ["首页", "关于", "反映问题", "志愿服务", "议事会", "数据公开"]
    assert menu.select_one("a[aria-current]").text == "关于"


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/zh-hans/report/", "反映问题"),
        ("/zh-hans/report/statistics/", "数据公开"),
        ("/zh-hans/volunteer/teams/", "志愿服务"),
        ("/en/roundtables/", "Roundtables"),
    ],
)
def test_menu_marks_the_feature_being_used(client, bilingual_site, path, current):
    response = client.get(path)
    menu = BeautifulSoup(response.content, "html.parser").select_one(".main-menu")
    assert [a.text for a in menu.select("a[aria-current]")] == [current]


def test_menu_marks_the_page_being_read_on_every_view(client, bilingual_site):
    about = StandardPage(title="关于", slug="about", show_in_menus=True)
    bilingual_site.home_zh.add_child(instance=about)
    about.save_revision().publish()
    team = StandardPage(title="团队", slug="team")
    about.add_child(instance=team)
    team.save_revision().publish()

    def current(path: str) -> list[str]:
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        # The phone's folded menu and the wide screen's menu are the same list.
        phone, wide = soup.select(".main-menu")
        assert str(phone) == str(wide)
        return [a.text for a in phone.select("a[aria-current=page]")]

    # Each marking is written once and remembered: none leaks into another view.
    for _round in range(2):
        assert current("/zh-hans/about/") == ["关于"]
        assert current("/zh-hans/about/team/") == ["关于"]
        assert current("/zh-hans/") == ["首页"]
        assert current("/zh-hans/search/?q=x") == []


INCLUDE_BLOCK = engines["django"].from_string(
    "{% load wagtailcore_tags %}"
    "{% for block in page.body %}{% include_block block %}{% endfor %}"
)
PAGE_BLOCKS = engines["django"].from_string(
    "{% load portal_tags %}{% page_blocks page %}"
)


def every_block(site):
    guide = StandardPage(title="办事指南", slug="guide")
    site.home_zh.add_child(instance=guide)
    guide = publish(guide)
    home = site.home_zh
    home.body = [
        {
            "type": "quick_links",
            "value": [
                {"title": "办事", "description": "", "icon": "info", "page": guide.pk},
                {
                    "title": "反映问题",
                    "description": "扫码即报",
                    "icon": "report",
                    "page": None,
                    "url": "/report/",
                },
            ],
        },  # fmt: skip
        {"type": "figures", "value": [{"number": "70%", "label": "服务"}]},
        {
            "type": "section",
            "value": {
                "heading": "办事须知",
                "text": f'<p>见<a linktype="page" id="{guide.pk}">办事指南</a>。</p>',
            },
        },
    ]
    home.save_revision().publish()
    return home, guide


def written(template, page, language: str = "zh-hans", preview=False) -> str:
    request = RequestFactory().get(f"/{language}/")
    request.is_preview = preview  # as Wagtail's preview views set it
    with translation.override(language), request_generation(keep=True):
        return template.render({"page": page, "LANGUAGE_CODE": language}, request)


def test_page_blocks_write_what_include_block_writes(bilingual_site):
    home, guide = every_block(bilingual_site)
    expected = written(INCLUDE_BLOCK, home)
    assert guide.url in expected and "/zh-hans/report/" in expected
    assert written(PAGE_BLOCKS, home) == expected
    assert written(PAGE_BLOCKS, home) == expected  # remembered
    assert written(PAGE_BLOCKS, home, "en") == written(INCLUDE_BLOCK, home, "en")


def test_page_blocks_follow_a_linked_page_moved_to_a_new_address(bilingual_site):
    home, guide = every_block(bilingual_site)
    assert "/zh-hans/guide/" in written(PAGE_BLOCKS, home)
    guide.slug = "services"
    publish(guide)
    home = HomePage.objects.get(pk=home.pk)  # as the next request reads it
    html = written(PAGE_BLOCKS, home)
    assert "/zh-hans/services/" in html
    assert "/zh-hans/guide/" not in html


def test_a_preview_shows_the_editors_draft_not_the_remembered_published_blocks(
    bilingual_site,
):
    home, guide = every_block(bilingual_site)
    assert "办事须知" in written(PAGE_BLOCKS, home)  # the published blocks remembered
    home.body[2].value["heading"] = "草稿标题"  # edited, not yet published
    assert "草稿标题" in written(PAGE_BLOCKS, home, preview=True)
    assert "草稿标题" not in written(PAGE_BLOCKS, home)  # readers: still published


def meta(response, attribute: str, name: str) -> str:
    found = BeautifulSoup(response.content, "html.parser").find(
        "meta", attrs={attribute: name}
    )
    assert found is not None, f"no {name}"
    return found["content"]


def test_a_shared_page_carries_its_title_description_and_address(
    client, bilingual_site
):
    page = StandardPage(
        title="便民服务", slug="services", intro="驿站、公厕和便民点的开放时间。"
    )
    bilingual_site.home_zh.add_child(instance=page)
    publish(page)

    response = client.get("/zh-hans/services/")

    assert meta(response, "property", "og:title") == "便民服务"
    assert meta(response, "name", "description") == "驿站、公厕和便民点的开放时间。"
    assert (
        meta(response, "property", "og:description") == "驿站、公厕和便民点的开放时间。"
    )
    assert meta(response, "property", "og:url") == "http://testserver/zh-hans/services/"
    assert meta(response, "property", "og:locale") == "zh_CN"


def test_a_page_without_words_of_its_own_still_describes_the_programme(
    client, bilingual_site
):
    page = StandardPage(title="About", slug="about")
    bilingual_site.home_en.add_child(instance=page)
    publish(page)

    response = client.get("/en/about/")

    assert "report a problem" in meta(response, "name", "description")
    assert meta(response, "property", "og:locale") == "en_US"
    assert meta(response, "property", "og:type") == "website"


def test_every_pages_footer_links_the_features_apps_register(client, bilingual_site):
    # participation/menu.py registers 查询进度 (a lost link sent again) and the
    # station ranking in the footer, notices the merchants and their ranking, in
    # their order, outside the main menu, which keeps its entries.
    for path, expected in (
        (
            "/zh-hans/",
            [
                ("查询进度", "/zh-hans/track/"),
                ("工作站排名", "/zh-hans/rankings/"),
                ("商户与榜单", "/zh-hans/merchants/"),
            ],
        ),
        (
            "/en/report/",
            [
                ("Track progress", "/en/track/"),
                ("Station ranking", "/en/rankings/"),
                ("Merchants and rankings", "/en/merchants/"),
            ],
        ),
    ):
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        links = [(a.text, a["href"]) for a in soup.select(".site-footer__services a")]
        assert links == expected
        for label, _url in expected:
            assert label not in soup.select_one(".main-menu").text
