"""Chinese first, English second, and a language switch that keeps your place."""

import pytest
from bs4 import BeautifulSoup

from home.models import StandardPage
from tests.conftest import publish, translate

pytestmark = pytest.mark.django_db


def switch_links(response) -> dict[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {a["hreflang"]: a["href"] for a in soup.select(".lang-switch a")}


def test_root_redirects_to_chinese_by_default(client, bilingual_site):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"


def test_root_redirects_english_browsers_to_english(client, bilingual_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/"
    assert "Accept-Language" in response["Vary"]


def test_each_language_home_shows_its_own_content_and_interface(client, bilingual_site):
    zh = client.get("/zh-hans/")
    en = client.get("/en/")
    assert '<html lang="zh-hans"' in zh.text
    assert "跳到主要内容" in zh.text and "城管服务走进社区。" in zh.text
    assert '<html lang="en"' in en.text
    assert (
        "Skip to main content" in en.text and "Services in your community." in en.text
    )


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


def test_times_are_shanghai_local(settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.LANGUAGE_CODE == "zh-hans"
