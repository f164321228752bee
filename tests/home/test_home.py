"""The home page, the bureau identity on every page, and the demo loader."""

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Page

from home import demo
from home.blocks import QuickLinkBlock
from home.models import BureauIdentity, HomePage, StandardPage

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


def test_quick_link_needs_a_page_or_an_address_on_this_site():
    block = QuickLinkBlock()
    base = {"title": "t", "description": "", "icon": "info", "page": None}
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**base, "url": ""}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**base, "url": "https://elsewhere.example/"}))
    assert (
        block.clean(block.to_python({**base, "url": "/report/"}))["url"] == "/report/"
    )


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


def test_demo_foundation_loader_is_idempotent():
    demo.load(print)
    counts = (Page.objects.count(), BureauIdentity.objects.count())
    demo.load(print)
    assert (Page.objects.count(), BureauIdentity.objects.count()) == counts
    assert HomePage.objects.filter(locale__language_code="en").live().count() == 1
    assert StandardPage.objects.filter(slug="privacy").live().count() == 2
