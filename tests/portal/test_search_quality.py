"""Site search quality: questions typed as sentences, ranking, what is never found,
and the index following translations made with wagtail-localize."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from home.models import StandardPage
from portal import search, search_index
from portal.models import SearchDocument
from tests.conftest import publish
from tests.notices import event_builders

pytestmark = pytest.mark.django_db


def soup_of(client, query: str, language: str = "zh-hans", **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    return BeautifulSoup(response.content, "html.parser")


def titles(client, query: str, language: str = "zh-hans", **params) -> list[str]:
    soup = soup_of(client, query, language, **params)
    return [a.text.strip() for a in soup.select(".result__title")]


def page(site, title: str, intro: str = "", slug: str = "") -> StandardPage:
    new = StandardPage(title=title, slug=slug or f"p{abs(hash(title)) % 10**8}")
    new.intro = intro
    site.home_zh.add_child(instance=new)
    return publish(new)


# --- one character -------------------------------------------------------------


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


# --- questions and phrases -----------------------------------------------------


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
    from tests.conftest import translate

    translate(english, bilingual_site.en, title="E bike charging from windows")
    assert titles(client, "e-bike", language="en") == ["E bike charging from windows"]


# --- ranking -------------------------------------------------------------------


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


# --- never found ---------------------------------------------------------------


def test_draft_and_unpublished_events_and_a_registrant_are_never_found(
    client, bilingual_site
):
    from participation.registrations.rules import register

    index = event_builders.event_index(bilingual_site.home_zh)
    event = event_builders.make_event(index, "夜市普法讲座")
    draft = event_builders.make_event(index, "未发布的普法活动")
    draft.unpublish()
    register(event, name="赵秀英", phone="13900000001")
    event.summary = "联系人王建国"
    event.save_revision()  # a draft change, not published
    assert titles(client, "普法") == ["夜市普法讲座"]
    assert titles(client, "赵秀英") == []
    assert titles(client, "王建国") == []
    event.unpublish()
    assert titles(client, "普法") == []
    search_index.rebuild()
    assert titles(client, "普法") == []
    assert not SearchDocument.objects.filter(search_text__contains="赵秀英").exists()


def test_draft_and_unpublished_stations_and_a_reporter_are_never_found(
    client, bilingual_site
):
    from notices.models import SubdistrictPage
    from participation.models import Report

    stations = event_builders.station_tree(bilingual_site.home_zh)
    station = stations.community
    assert titles(client, "minzhu", type="station") == ["民主社区"]
    Report.objects.create(
        reference="R0000001",
        token_hash="a" * 64,
        community=station,
        category_code="SR-01",
        category_title="占道经营",
        department="城管执法中队",
        location="民主社区东门",
        description="孙丽华家门口每天早上有人摆摊。",
        name="孙丽华",
        phone="13900000002",
    )
    station.address = "民主路1号 联系人周志强"
    station.save_revision()  # draft only
    hidden = event_builders.child(
        stations.district, SubdistrictPage(title="翠竹街道", slug="x")
    )
    hidden.unpublish()
    search_index.rebuild()
    for name in ("孙丽华", "周志强", "翠竹街道"):
        assert titles(client, name) == [], name
    station.unpublish()
    assert titles(client, "minzhu", type="station") == []


# --- translations through wagtail-localize -------------------------------------


def translate_with_localize(source_page, locale, english: dict[str, str], on_commit):
    """Translate every string segment as a translator would, then publish (which
    wagtail-localize does when the transaction commits)."""
    from wagtail_localize.models import Translation, TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(source_page)
    source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = english.get(entry.msgid, entry.msgid)
    translation.import_po(po)
    with on_commit(execute=True):
        translation.save_target(publish=True)
    return source_page.get_translation(locale)


def test_the_index_follows_translations_made_with_wagtail_localize(
    client, bilingual_site, django_capture_on_commit_callbacks
):
    notice = page(bilingual_site, "夜市疏导点开放时间调整", "夏季延长至22:30。")
    translate_with_localize(
        notice,
        bilingual_site.en,
        {
            "夜市疏导点开放时间调整": "Night-market points open later",
            "夏季延长至22:30。": "Open until 22:30 in summer.",
        },
        django_capture_on_commit_callbacks,
    )
    assert titles(client, "night-market", language="en") == [
        "Night-market points open later"
    ]
    assert titles(client, "夜市", language="en") == []

    notice.title = "夜市疏导点夏季时间"
    publish(notice)
    translate_with_localize(
        notice,
        bilingual_site.en,
        {"夜市疏导点夏季时间": "Summer hours of night-market points"},
        django_capture_on_commit_callbacks,
    )
    assert titles(client, "night-market", language="en") == [
        "Summer hours of night-market points"
    ]
    assert titles(client, "open later", language="en") == []
    assert titles(client, "夜市") == ["夜市疏导点夏季时间"]


def test_labels_are_indexed_in_the_page_language(client, bilingual_site):
    from tests.conftest import translate

    index = event_builders.notice_index(bilingual_site.home_zh)
    translate(index, bilingual_site.en, title="Notices")
    notice = event_builders.make_notice(
        index, "首违不罚怎么适用", category="policy", slug="policy", body="<p>条件</p>"
    )
    translate(
        notice,
        bilingual_site.en,
        title="No fine for a first violation",
        body="<p>Conditions</p>",
    )
    english = SearchDocument.objects.get(language_code="en", kind="notice")
    assert "policy explained" in english.search_text
    assert "政策解读" not in english.search_text
    assert titles(client, "policy explained", language="en") == [
        "No fine for a first violation"
    ]
    assert "政策解读" in SearchDocument.objects.get(language_code="zh-hans").search_text


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
