"""Site search that understands Chinese (portal/search.py): substrings, traditional
characters, synonyms, pinyin; questions typed as sentences; ranking."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from home.models import StandardPage
from portal import search
from portal.models import SearchDocument, SearchSynonym
from tests.conftest import publish, translate
from tests.notices import event_builders
from tests.portal.search_builders import TITLE, breakfast_notice, page, soup_of, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(bilingual_site):
    return breakfast_notice(bilingual_site)


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
    SearchSynonym.objects.all().delete()  # the starter set: see test_search_synonyms
    assert titles(client, "摆摊") == []
    SearchSynonym.objects.create(term="摆摊", alternatives="占道经营,流动摊贩")
    assert titles(client, "摆摊") == [TITLE]
    assert titles(client, "早餐摆摊") == []  # "早餐占道经营" is not in the text


def test_synonyms_typed_with_chinese_commas_are_split_like_any_other(client, notice):
    SearchSynonym.objects.all().delete()
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


def test_pinyin_keywords_cover_full_syllables_and_initials():
    keywords = search.pinyin_keywords("黄河社区").split(" ")
    assert "huanghe" in keywords
    assert "hh" in keywords
    assert "huangheshequ" in keywords


def test_one_chinese_character_finds_titles_only_with_a_hint(client, bilingual_site):
    page(bilingual_site, "路灯不亮", "请拨打热线。")
    page(bilingual_site, "井盖缺失", "夜间没有路灯照明。")
    soup = soup_of(client, "灯")
    assert [a.text for a in soup.select(".result__title")] == ["路灯不亮"]
    assert "单个字只搜索标题" in soup.text


def test_one_latin_letter_asks_for_more_instead_of_listing_everything(
    client, bilingual_site
):
    page(bilingual_site, "Street lights", "A lamp is out.")
    soup = soup_of(client, "a", language="en")
    assert soup.select(".result__title") == []
    assert "One character finds titles only" in soup.text


def test_a_question_finds_the_page_holding_most_of_its_words(client, bilingual_site):
    page(bilingual_site, "装修垃圾清运预约", "预约上门清运装修垃圾。")
    page(bilingual_site, "垃圾分类指引", "厨余垃圾和其他垃圾分开投放。")
    soup = soup_of(client, "怎么预约装修垃圾清运")
    assert [a.text for a in soup.select(".result__title")] == ["装修垃圾清运预约"]
    assert "包含其中大部分字词的页面" in soup.text
    marked = [m.text for m in soup.select(".result__snippet mark")]
    assert marked == ["预约", "清运", "装修垃圾"]


def test_a_phrase_with_one_exact_match_also_lists_close_matches_after_it(
    client, bilingual_site
):
    page(bilingual_site, "飞线充电劝导", "从楼上拉电线给电动车充电的,当场劝导。")
    page(bilingual_site, "私拉电线", "从楼上私拉电线给电动车充电。")
    assert titles(client, "楼上拉电线给电动车充电") == ["飞线充电劝导", "私拉电线"]


def test_short_words_are_matched_whole_not_loosened(client, bilingual_site):
    SearchSynonym.objects.all().delete()  # 违建 is a starter synonym of 违法建设
    page(bilingual_site, "违法建设举报", "疑似违法建设,2小时内到场。")
    assert titles(client, "违建") == []
    assert titles(client, "共享单车") == []  # four characters, nothing close
    page(bilingual_site, "共享单车乱停放", "通知运营企业清运。")
    page(bilingual_site, "单车维修", "共享车辆。")
    assert titles(client, "共享单车") == ["共享单车乱停放"]


def test_times_codes_and_hyphenated_words_stay_whole(client, bilingual_site):
    page(bilingual_site, "夜市开放时间", "开放到22:30。")
    page(bilingual_site, "第22期简报", "30分钟内到场。")
    assert titles(client, "22:30") == ["夜市开放时间"]
    english = page(bilingual_site, "充电", slug="ebike")

    translate(english, bilingual_site.en, title="E bike charging from windows")
    assert titles(client, "e-bike", language="en") == ["E bike charging from windows"]


def test_the_page_named_by_the_query_comes_first(client, bilingual_site):
    page(bilingual_site, "和平社区占道经营整治通报", "和平社区居民反映。")
    page(bilingual_site, "和平社区", "和平社区城管工作站。")
    page(bilingual_site, "关于和平社区的说明", "")
    assert titles(client, "和平社区", type="page")[0] == "和平社区"


def test_each_type_shows_its_best_matches_however_many_another_type_has(
    client, bilingual_site
):
    index = event_builders.notice_index(bilingual_site.home_zh)
    for number in range(12):
        event_builders.make_notice(index, f"第{number}期噪声扰民整治通报")
    page(bilingual_site, "音响招揽顾客", "依据噪声污染防治法,首次违法不罚。")
    soup = soup_of(client, "噪声")
    groups = [h.text for h in soup.select(".result-group h2")]
    assert groups == ["通知公告", "其他页面"]
    assert "音响招揽顾客" in [a.text for a in soup.select(".result__title")]
    assert "通知公告 (12)" in [a.text for a in soup.select(".filter-links a")]


def test_undated_list_items_rank_before_dated_pages_of_equal_score(bilingual_site):
    """PostgreSQL and SQLite sort NULL dates at opposite ends unless told."""
    source_type = ContentType.objects.get_for_model(StandardPage)
    common = {"source_type": source_type, "language_code": "zh-hans", "kind": "page"}
    SearchDocument.objects.create(
        **common,
        source_id="1",
        url="/dated/",
        title="通知",
        title_text="通知",
        search_text="通知 便民疏导点",
        date=timezone.now(),
    )
    SearchDocument.objects.create(
        **common,
        source_id="2",
        url="/undated/",
        title="清单事项",
        title_text="清单事项",
        search_text="清单事项 便民疏导点",
    )
    _, found, counts = search.find(search.parse("便民疏导点"), "zh-hans")
    assert [doc.url for doc in search.documents(found)] == ["/undated/", "/dated/"]
    assert counts == {"page": 2}


def test_documents_written_or_removed_after_a_search_are_seen_by_the_next(
    client, bilingual_site
):
    """Search reads a copy of the index kept in the process: every write to the
    index, one document or many at once, replaces it."""
    source_type = ContentType.objects.get_for_model(StandardPage)
    common = {"source_type": source_type, "language_code": "zh-hans", "kind": "page"}
    assert search.find(search.parse("夜间施工"), "zh-hans")[2] == {}
    assert search.find(search.parse("  ,。 "), "zh-hans")[1:] == ([], {})  # no words
    single = SearchDocument.objects.create(
        **common,
        source_id="1",
        url="/night-works/",
        title="夜间施工",
        title_text="夜间施工",
        search_text="夜间施工 噪声",
    )
    assert search.find(search.parse("夜间施工"), "zh-hans")[2] == {"page": 1}
    standard = page(bilingual_site, "夜间施工许可", "夜间施工须经许可。")
    assert search.find(search.parse("夜间施工"), "zh-hans")[2] == {"page": 2}
    single.delete()
    standard.unpublish()
    html = client.get("/zh-hans/search/?q=夜间施工").content.decode()
    assert "夜间施工许可" not in html
    assert search.find(search.parse("夜间施工"), "zh-hans")[2] == {}


def test_the_index_is_held_whole_by_each_process_and_still_follows_changes(
    client, notice
):
    """The corpus is plain data nobody can change, so a process shares it between
    searches instead of unpickling it for each (portal/cache.py); a publish still
    shows in the next search."""
    corpus = search.corpus("zh-hans")
    assert search.corpus("zh-hans") is corpus
    assert TITLE in titles(client, "占道")

    notice.title = "夜市摊点规范管理通知"
    publish(notice)
    assert search.corpus("zh-hans") is not corpus
    assert "夜市摊点规范管理通知" in titles(client, "夜市")


# Issue 25: search that understands how residents ask.


def test_any_title_is_found_by_its_pinyin_and_initials(client, notice):
    assert titles(client, "zhandao") == [TITLE]
    assert titles(client, "zdjy") == [TITLE]


def test_question_words_are_dropped_from_a_question(client, bilingual_site):
    page(bilingual_site, "路灯不亮", "通知管养单位维修。")
    assert titles(client, "路灯不亮怎么办") == ["路灯不亮"]
    assert titles(client, "请问路灯不亮找谁") == ["路灯不亮"]


def test_a_sentence_is_reduced_to_the_words_titles_hold(client, bilingual_site):
    page(bilingual_site, "僵尸车清理", "长期停放的废弃车辆。")
    assert titles(client, "小区里有僵尸车怎么办") == ["僵尸车清理"]


@pytest.mark.parametrize("query", ["sr01", "SR 01", "sr-1", "Sr-01"])
def test_codes_are_found_however_they_are_typed(client, bilingual_site, query):
    page(bilingual_site, "占道经营劝导", "编号 SR-01。")
    assert titles(client, query) == ["占道经营劝导"]


@pytest.mark.parametrize(
    "query",
    ["0516-8010001", "05168010001", "8010001", "0516 801 0001", "(0516)8010001"],
)
def test_phone_numbers_are_found_with_or_without_area_code(
    client, bilingual_site, query
):
    page(bilingual_site, "黄河社区工作站", "值班电话 0516-8010001。")
    assert titles(client, query) == ["黄河社区工作站"]


def test_a_word_with_one_wrong_character_finds_the_right_one_and_says_so(
    client, bilingual_site
):
    SearchSynonym.objects.all().delete()  # found by the spelling, not a synonym
    page(bilingual_site, "飞线充电劝导", "当场劝导拆除。")
    page(bilingual_site, "违建自拆咨询", "提供拆除指导。")
    soup = soup_of(client, "飞线冲电")
    assert [a.text for a in soup.select(".result__title")] == ["飞线充电劝导"]
    assert "拼写最接近" in soup.text
    assert titles(client, "违见") == ["违建自拆咨询"]  # typed by its sound
    assert titles(client, "违民") == []  # two characters: only by the sound


def test_english_is_matched_by_stems_and_partial_matches_are_ranked(
    client, bilingual_site
):
    zh = page(bilingual_site, "僵尸车", slug="cars")
    translate(zh, bilingual_site.en, title="Abandoned vehicles")
    other = page(bilingual_site, "停车", slug="parking")
    translate(other, bilingual_site.en, title="Parking rules for vehicles")
    assert titles(client, "abandoned vehicle", language="en") == ["Abandoned vehicles"]
    assert titles(client, "abandoned trucks", language="en") == ["Abandoned vehicles"]
    assert titles(client, "old vehicles abandoned here", language="en")[0] == (
        "Abandoned vehicles"
    )


def test_a_page_holding_every_english_word_does_not_hide_one_titled_with_most(
    client, bilingual_site
):
    notice = page(bilingual_site, "通报", slug="ranking")
    translate(
        notice,
        bilingual_site.en,
        title="Quarterly ranking",
        intro="Black list: rubbish not collected for days at one estate.",
    )
    duty = page(bilingual_site, "垃圾清运", slug="collection")
    translate(duty, bilingual_site.en, title="Rubbish collection")
    found = titles(client, "rubbish not collected", language="en")
    assert found[0] == "Quarterly ranking"  # holds every word: first
    assert "Rubbish collection" in found


def test_matches_are_marked_in_the_title_and_the_excerpt_is_clean_text(
    client, bilingual_site
):
    stations = event_builders.station_tree(bilingual_site.home_zh)
    soup = soup_of(client, "minzhu", type="station")
    assert [a.text for a in soup.select(".result__title")] == [stations.community.title]
    snippet = soup.select_one(".result__snippet")
    assert "minzhu" not in (snippet.text if snippet else "")
    assert "|" not in (snippet.text if snippet else "")
    breakfast_notice(bilingual_site)
    soup = soup_of(client, "整治通知")
    assert [m.text for m in soup.select(".result__title mark")] == ["整治通知"]


@pytest.mark.parametrize("query", ["🚗🚗🚗", "！？。，…", "☎☎", "\u200b\u200b"])
def test_symbols_and_emoji_alone_get_a_clear_answer(client, notice, query):
    response = client.get("/zh-hans/search/", {"q": query})
    assert response.status_code == 200
    assert "没有可以查找的文字" in response.text
    assert "result__title" not in response.text


def test_a_very_long_mixed_query_is_cut_and_still_answers(client, notice):
    query = "占道 zhandao 🚗 SR-01 経営 " * 40
    response = client.get("/zh-hans/search/", {"q": query})
    assert response.status_code == 200
    assert "超出部分已忽略" in response.text


@pytest.mark.parametrize("query", ["how to", "where is the", "What can I do"])
def test_common_english_words_alone_ask_for_what_to_look_for(client, notice, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "only common words" in response.text
    assert "no letters" not in response.text
    assert "result__title" not in response.text
