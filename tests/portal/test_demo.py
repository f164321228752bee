"""portal/demo.py: the helpers that make the demo's English with wagtail-localize, as
an editor and a translator would."""

import pytest
from wagtail_localize.models import Translation

from home.models import StandardPage
from portal import demo
from tests.conftest import publish
from tests.notices.station_builders import staff

pytestmark = pytest.mark.django_db


def section(heading: str, text: str) -> dict:
    return {"type": "section", "value": {"heading": heading, "text": text}}


def test_a_page_translated_from_english_fields_is_a_synchronised_translation(
    bilingual_site,
):
    page = StandardPage(
        title="开放日须知",
        slug="open-day-guide",
        intro="请提前十分钟到场。",
        body=[section("怎么报名", "<p>在活动页面报名。</p><p>满额可候补。</p>")],
    )
    bilingual_site.home_zh.add_child(instance=page)
    publish(page)

    english = demo.translate_page(
        page,
        bilingual_site.en,
        title="Open day guide",
        intro="Please arrive ten minutes early.",
        body=[
            section(
                "How to register",
                "<p>Register on the Events page.</p>"
                "<p>When full, join the waitlist.</p>",
            )
        ],
    )

    assert english.live and english.locale == bilingual_site.en
    assert english.title == "Open day guide"
    block = english.body[0].value
    assert block["heading"] == "How to register"
    assert "When full, join the waitlist." in str(block["text"])
    # The same block, as a translation keeps it: its id is the Chinese block's.
    assert english.body[0].id == page.body[0].id
    assert Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=bilingual_site.en
    ).exists()


def test_english_with_another_shape_than_the_chinese_is_refused(bilingual_site):
    page = StandardPage(
        title="须知", slug="guide", body=[section("报名", "<p>一。</p><p>二。</p>")]
    )
    bilingual_site.home_zh.add_child(instance=page)
    publish(page)
    english_body = [section("Registering", "<p>One and two.</p>")]
    with pytest.raises(ValueError, match="2 Chinese segments and 1 English"):
        demo.english_of(page, body=english_body)
    # Not strict: that field is left to wagtail-localize's fallback.
    memory = demo.english_of(page, strict=False, body=english_body, title="Guide")
    assert ("title", "须知") in memory and memory[("title", "须知")] == "Guide"
    assert not any(text == "一。" for _path, text in memory)


def test_a_snippet_translation_follows_its_source_when_synchronised(bilingual_site):
    member = staff("T001", bilingual_site.zh, name="王建国", duties="巡查占道经营。")
    english = demo.translate_snippet(
        member, bilingual_site.en, name="Wang Jianguo", duties="Street vending."
    )
    assert (english.name, english.duties) == ("Wang Jianguo", "Street vending.")

    member.work_phone = "0516-80000099"
    member.duties = "巡查占道经营和飞线充电。"
    member.save()
    english = demo.sync_translation(
        member,
        bilingual_site.en,
        demo.english_of(member, duties="Street vending and e-bike charging cords."),
    )
    assert english.work_phone == "0516-80000099"  # synchronised
    assert english.name == "Wang Jianguo"  # kept from before
    assert english.duties == "Street vending and e-bike charging cords."
