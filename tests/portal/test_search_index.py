"""The search index (portal/search_index.py): published public pages only, never a
draft, a private page or what residents sent in; each translation in its own
language, made by hand or with wagtail-localize, its labels in that language."""

import pytest
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from portal import search_index
from portal.models import SearchDocument
from tests.conftest import publish, translate
from tests.notices import event_builders
from tests.portal.search_builders import TITLE, breakfast_notice, page, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(bilingual_site):
    return breakfast_notice(bilingual_site)


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
    chinese = SearchDocument.objects.get(language_code="zh-hans", kind="notice")
    assert "政策解读" in chinese.search_text
