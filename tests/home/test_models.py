"""The home page and the bureau identity (home/models.py): the hotline, names and
filing numbers in every header and footer, in each language; quick links and key
figures on the home page."""

import pytest
from bs4 import BeautifulSoup

from home.models import BureauIdentity, StandardPage
from tests.conftest import publish, translate

pytestmark = pytest.mark.django_db


def test_header_and_footer_show_hotline_and_filing_numbers(client, bilingual_site):
    soup = BeautifulSoup(client.get("/zh-hans/").content, "html.parser")
    hotline = soup.select_one(".site-header__hotline")
    assert hotline["href"] == "tel:12319"
    assert "服务热线" in hotline.text
    assert "示范市城市管理局" in soup.select_one(".site-header__name").text
    filing = soup.select_one(".site-footer__filing").text
    assert "示ICP备12345678号-1" in filing
    assert "示公网安备00000000000001号" in filing


def test_english_pages_show_the_english_identity_with_the_same_numbers(
    client, bilingual_site
):
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert (
        "Demo City Urban Management Bureau"
        in soup.select_one(".site-header__name").text
    )
    assert "示ICP备12345678号-1" in soup.select_one(".site-footer__filing").text


def test_header_and_footer_follow_a_change_of_the_identity(client, bilingual_site):
    client.get("/zh-hans/")  # header and footer written and remembered
    identity = BureauIdentity.objects.get(locale=bilingual_site.zh)
    identity.name = "示范市城市管理和综合执法局"
    identity.hotline = "12345"
    identity.icp_number = "示ICP备87654321号-2"
    identity.save()
    soup = BeautifulSoup(client.get("/zh-hans/").content, "html.parser")
    assert "示范市城市管理和综合执法局" in soup.select_one(".site-header__name").text
    assert soup.select_one(".site-header__hotline")["href"] == "tel:12345"
    assert "示ICP备87654321号-2" in soup.select_one(".site-footer__filing").text
    assert "示范市城市管理和综合执法局" in soup.select_one(".site-footer__title").text


def test_identity_falls_back_to_chinese_when_not_translated(client, bilingual_site):
    BureauIdentity.objects.filter(locale=bilingual_site.en).delete()
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert "示范市城市管理局" in soup.select_one(".site-header__name").text


def test_home_page_shows_quick_links_and_key_figures(client, bilingual_site):
    home = bilingual_site.home_zh
    home.body = [
        {
            "type": "quick_links",
            "value": [
                {
                    "title": "反映问题",
                    "description": "扫码即报",
                    "icon": "report",
                    "page": None,
                    "url": "/report/",
                }
            ],
        },
        {"type": "figures", "value": [{"number": "70%", "label": "服务"}]},
    ]
    home.save_revision().publish()
    soup = BeautifulSoup(client.get("/zh-hans/").content, "html.parser")
    link = soup.select_one(".quick-link a")
    assert link["href"] == "/zh-hans/report/"
    assert "反映问题" in link.text
    assert soup.select_one(".figure strong").text == "70%"


def test_the_home_page_names_the_programme_once_in_its_title(client, bilingual_site):
    identity = BureauIdentity.objects.get(locale=bilingual_site.zh)
    home = bilingual_site.home_zh
    home.title = identity.programme_name
    home.save_revision().publish()

    soup = BeautifulSoup(client.get("/zh-hans/").content, "html.parser")

    assert soup.title.text.strip() == identity.programme_name


def test_other_pages_name_themselves_then_the_programme(client, bilingual_site):
    identity = BureauIdentity.objects.get(locale=bilingual_site.zh)
    soup = BeautifulSoup(client.get("/zh-hans/search/").content, "html.parser")
    title = soup.title.text.strip()
    assert (
        title.endswith(f" · {identity.programme_name}")
        and len(title) > len(identity.programme_name) + 3
    )


def test_the_footer_links_the_privacy_notice_and_accessibility_statement(
    client, bilingual_site
):
    pages = {}
    for slug, title, title_en in (
        ("privacy", "个人信息保护说明", "Privacy notice"),
        ("accessibility", "无障碍声明", "Accessibility statement"),
    ):
        page = StandardPage(title=title, slug=slug)
        bilingual_site.home_zh.add_child(instance=page)
        publish(page)
        pages[slug] = (page, translate(page, bilingual_site.en, title=title_en))
    for language, index in (("zh-hans", 0), ("en", 1)):
        identity = BureauIdentity.objects.get(locale__language_code=language)
        identity.privacy_page = pages["privacy"][index]
        identity.accessibility_page = pages["accessibility"][index]
        identity.save()

    footer_zh = BeautifulSoup(client.get("/zh-hans/").content, "html.parser")
    footer_en = BeautifulSoup(client.get("/en/").content, "html.parser")

    def links(soup):
        return {a.text: a["href"] for a in soup.select(".site-footer__links a")}

    assert links(footer_zh) == {
        "个人信息保护说明": "/zh-hans/privacy/",
        "无障碍声明": "/zh-hans/accessibility/",
    }
    assert links(footer_en) == {
        "Privacy notice": "/en/privacy/",
        "Accessibility statement": "/en/accessibility/",
    }


def test_an_unpublished_statement_is_not_linked(client, bilingual_site):
    draft = StandardPage(title="无障碍声明", slug="accessibility", live=False)
    bilingual_site.home_zh.add_child(instance=draft)
    identity = BureauIdentity.objects.get(locale=bilingual_site.zh)
    identity.accessibility_page = draft
    identity.save()

    soup = BeautifulSoup(client.get("/zh-hans/").content, "html.parser")

    assert not soup.select(".site-footer__links a")
