"""The demo duty list (notices/demo/duties.py)."""

import pytest

from notices.lists.duties import DutyItem, DutyListPage

pytestmark = pytest.mark.django_db


def test_demo_duty_list_has_eight_categories_and_26_items_in_both_languages():
    from home import demo
    from notices.demo import duties as demo_duties

    demo.load(print)
    demo_duties.load(print)
    demo_duties.load(print)
    for language in ("zh-hans", "en"):
        page = DutyListPage.objects.get(locale__language_code=language)
        assert page.live and page.show_in_menus
        assert page.categories.count() == 8 and page.items.count() == 26
    zh = DutyItem.objects.get(page__locale__language_code="zh-hans", code="SF-01")
    en = DutyItem.objects.get(page__locale__language_code="en", code="SF-01")
    assert zh.translation_key == en.translation_key and zh.title != en.title
    home = demo.home_pages()[1]
    links = [block for block in home.body.raw_data if block["type"] == "quick_links"]
    urls = [item["value"]["url"] for item in links[0]["value"]]
    assert urls.count("/duties/") == 1
