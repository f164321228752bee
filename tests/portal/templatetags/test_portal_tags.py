"""The site-wide template tags: a language switch that keeps your place, hreflang
alternates, and the main menu."""

import pytest
from bs4 import BeautifulSoup

from home.models import StandardPage
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
    assert labels == ["首页", "关于"]
    assert menu.select_one("a[aria-current]").text == "关于"


def test_menu_marks_the_page_being_read_on_every_view(client, bilingual_site):
    about = StandardPage(title="关于", slug="about", show_in_menus=True)
    bilingual_site.home_zh.add_child(instance=about)
    about.save_revision().publish()
    team = StandardPage(title="团队", slug="team")
    about.add_child(instance=team)
    team.save_revision().publish()

    def current(path: str) -> list[str]:
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        return [a.text for a in soup.select(".main-menu a[aria-current=page]")]

    # Each marking is written once and remembered: none leaks into another view.
    for _round in range(2):
        assert current("/zh-hans/about/") == ["关于"]
        assert current("/zh-hans/about/team/") == ["关于"]
        assert current("/zh-hans/") == ["首页"]
        assert current("/zh-hans/search/?q=x") == []
