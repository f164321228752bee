"""Site search that understands Chinese: substrings, traditional, synonyms."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from portal import search
from portal.models import SearchDocument, SearchSynonym
from tests.conftest import publish, translate

pytestmark = pytest.mark.django_db

TITLE = "早餐摊占道经营整治通知"


@pytest.fixture
def notice(bilingual_site):
    page = StandardPage(
        title=TITLE,
        slug="breakfast",
        intro="2026年3月起,黄河社区开展普法宣传和早餐摊规范整治。",
    )
    bilingual_site.home_zh.add_child(instance=page)
    return publish(page)


def titles(client, query: str, language: str = "zh-hans", **params) -> list[str]:
    response = client.get(f"/{language}/search/", {"q": query, **params})
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text.strip() for a in soup.select(".result__title")]


@pytest.mark.parametrize("query", [TITLE, "占道", "早餐摊", "整治通知", "占道经营"])
def test_any_part_of_a_chinese_title_finds_the_notice(client, notice, query):
    assert titles(client, query) == [TITLE]


def test_words_from_the_body_and_mixed_scripts_find_it(client, notice):
    assert titles(client, "普法宣传") == [TITLE]
    assert titles(client, "2026年 黄河") == [TITLE]
    assert titles(client, "2026年3月") == [TITLE]


def test_every_term_must_match(client, notice):
    assert titles(client, "占道 违建") == []


def test_traditional_characters_find_simplified_content(client, notice):
    assert titles(client, "佔道經營") == [TITLE]


def test_editor_synonyms_widen_the_search(client, notice):
    assert titles(client, "摆摊") == []
    SearchSynonym.objects.create(term="摆摊", alternatives="占道经营,流动摊贩")
    assert titles(client, "摆摊") == [TITLE]
    assert titles(client, "早餐摆摊") == []  # "早餐占道经营" is not in the text


def test_synonyms_typed_with_chinese_commas_are_split_like_any_other(client, notice):
    SearchSynonym.objects.create(term="摆摊", alternatives="流动摊贩，占道经营、乱摆")
    assert titles(client, "摆摊") == [TITLE]


def test_one_character_searches_titles_only_and_says_so(client, notice):
    response = client.get("/zh-hans/search/", {"q": "占"})
    assert "输入两个或更多字" in response.text
    assert titles(client, "占") == [TITLE]
    assert titles(client, "普") == []  # only in the body


def test_matches_are_highlighted_in_the_snippet(client, notice):
    response = client.get("/zh-hans/search/", {"q": "普法"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert [m.text for m in soup.select(".result__snippet mark")] == ["普法"]


def test_drafts_and_unpublished_pages_are_never_found(client, bilingual_site, notice):
    draft = StandardPage(title="占道草稿", slug="draft", live=False)
    bilingual_site.home_zh.add_child(instance=draft)
    draft.save_revision()
    notice.title = "占道新标题"
    notice.save_revision()  # a draft change: not yet published
    assert titles(client, "占道") == [TITLE]
    notice.unpublish()
    assert titles(client, "占道") == []
    assert not SearchDocument.objects.filter(title__contains="草稿").exists()


def test_private_pages_are_not_found(client, notice):
    PageViewRestriction.objects.create(
        page=notice, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    publish(notice)
    assert titles(client, "占道") == []


def test_translations_are_found_in_their_own_language(client, bilingual_site, notice):
    translate(notice, bilingual_site.en, title="Breakfast stalls on the pavement")
    assert titles(client, "pavement", language="en") == [
        "Breakfast stalls on the pavement"
    ]
    assert titles(client, "pavement") == []
    assert titles(client, "占道", language="en") == []


def test_results_are_grouped_by_type_with_counts(client, notice):
    response = client.get("/zh-hans/search/", {"q": "占道"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert [h.text for h in soup.select(".result-group h2")] == ["其他页面"]
    assert "1 条结果" in soup.text


def test_bad_filters_get_a_clear_error_not_a_crash(client, notice):
    response = client.get("/zh-hans/search/", {"q": "占道", "type": "<script>"})
    assert response.status_code == 400
    assert "未知的结果类型" in response.text
    assert "<script>" not in response.text.split("</form>")[0]
    response = client.get("/en/search/", {"q": "x", "community": "abc"})
    assert response.status_code == 400
    assert "The community must be given by its number." in response.text
    response = client.get("/en/search/", {"q": "x", "community": "999999"})
    assert "There is no community with that number." in response.text


def test_pinyin_keywords_cover_full_syllables_and_initials():
    keywords = search.pinyin_keywords("黄河社区").split(" ")
    assert "huanghe" in keywords
    assert "hh" in keywords
    assert "huangheshequ" in keywords


def test_rebuild_indexes_only_public_live_pages(notice, bilingual_site):
    from portal import search_index

    SearchDocument.objects.all().delete()
    total = search_index.rebuild()
    assert set(SearchDocument.objects.values_list("title", flat=True)) == {
        TITLE,
        "城市管理进社区",
        "City management in communities",
    }
    assert total == 3
