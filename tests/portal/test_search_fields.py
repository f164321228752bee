"""Wagtail's own search finds pages by any Chinese piece of their titles
(portal/search_fields.py): the admin's page search and the page chooser."""

import pytest
from bs4 import BeautifulSoup

from portal.search_fields import title_segments
from tests.portal.search_builders import TITLE, breakfast_notice

pytestmark = pytest.mark.django_db


def listed_titles(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


@pytest.mark.parametrize(
    "query", ["占道", "占道经营", "整治通知", "佔道經營", "占道怎么办"]
)
def test_the_admin_page_search_finds_a_title_by_a_chinese_word(
    admin_client, bilingual_site, query
):
    breakfast_notice(bilingual_site)
    response = admin_client.get("/admin/pages/search/", {"q": query})
    assert TITLE in listed_titles(response)


def test_the_admin_page_search_still_leaves_out_titles_without_the_word(
    admin_client, bilingual_site
):
    breakfast_notice(bilingual_site)
    response = admin_client.get("/admin/pages/search/", {"q": "违建"})
    assert TITLE not in listed_titles(response)


def test_the_page_chooser_finds_a_title_by_a_chinese_word(admin_client, bilingual_site):
    breakfast_notice(bilingual_site)
    response = admin_client.get("/admin/choose-page/search/", {"q": "占道"})
    assert TITLE in response.text


def test_segments_hold_every_piece_as_the_start_of_a_word():
    words = title_segments("早餐摊占道經營").split()
    assert "占道经营" in words  # traditional characters folded
    assert any(word.startswith("道经") for word in words)
    assert "zctzdjy" in words  # initials
