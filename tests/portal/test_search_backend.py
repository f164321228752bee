"""The admin's search backend reads queries as site search does
(portal/search_backend.py)."""

import pytest
from wagtail.search.backends import get_search_backend

from portal.search_backend import admin_query
from tests.portal.search_builders import TITLE, breakfast_notice

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("佔道經營", "占道经营"),
        ("占道经营怎么办?", "占道经营"),
        ("ＳＲ－01", "sr-01"),
        ("0516-801 0001", "05168010001"),
        ("🚗", "🚗"),
    ],
)
def test_queries_are_read_as_site_search_reads_them(typed, searched):
    assert admin_query(typed) == searched


def test_words_of_a_parsed_admin_query_are_read_alike():
    from wagtail.search.query import And, PlainText

    parsed = admin_query(And([PlainText("佔道", operator="and"), PlainText("經營")]))
    assert [sub.query_string for sub in parsed.subqueries] == ["占道", "经营"]


def test_the_configured_backend_finds_a_page_by_a_traditional_chinese_word(
    bilingual_site,
):
    from wagtail.models import Page

    breakfast_notice(bilingual_site)
    backend = get_search_backend()
    found = backend.autocomplete("佔道", Page.objects.all())
    assert [page.title for page in found] == [TITLE]
