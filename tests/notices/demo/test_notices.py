"""The demo notices (notices/demo/notices.py and notice_texts.py): real bodies in
both languages and the 红黑榜 notice's lists. Their dates on any day of the year:
test_notices_dates.py."""

import re

import pytest
from django.utils import timezone
from wagtail.models import Locale

from notices.models import NoticePage

pytestmark = pytest.mark.django_db

CATEGORIES_ZH = ("占道经营", "环境卫生", "门前三包", "垃圾分类")
CATEGORIES_EN = ("street vending", "sanitation", "shop-front duties", "waste sorting")


def load():
    from home import demo
    from notices.demo import notices

    demo.load(print)
    notices.load(print)


@pytest.fixture(scope="module")
def loaded(module_transaction):
    """The demo notices, loaded once for the module's tests, which only read them."""
    load()


def list_after(body: str, heading: str) -> list[str]:
    """The items of the list that follows `heading` in a rich-text body."""
    after = body.split(f"<h3>{heading}</h3>", 1)[1]
    items = after.split("</ul>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", items)


def test_the_ranking_notice_lists_communities_and_shops_with_a_reason_by_category(
    loaded,
):
    for language, headings, categories, place in (
        (
            "zh-hans",
            ("红榜", "黑榜"),
            CATEGORIES_ZH,
            ("社区", "店", "门市", "超市", "餐馆", "摊位"),
        ),
        (
            "en",
            ("Red list", "Black list"),
            CATEGORIES_EN,
            ("Community", "Market", "shop", "Canteen", "stalls"),
        ),
    ):
        notice = NoticePage.objects.get(
            slug="ranking-q3", locale__language_code=language
        )
        for heading in headings:
            rows = list_after(notice.body, heading)
            assert len(rows) >= 3, (language, heading)
            for row in rows:
                named, reason = re.split(r"[：:]", row, maxsplit=1)
                assert any(word in named for word in place), row
                assert any(category in named for category in categories), row
                assert reason.strip(), row


def test_demo_notices_have_several_paragraphs_in_both_languages_and_are_past(
    loaded,
):
    today = timezone.localdate()
    notices = NoticePage.objects.filter(locale__language_code="zh-hans")
    assert notices.count() == 6
    for notice in notices:
        english = notice.get_translation(Locale.objects.get(language_code="en"))
        english = english.specific
        assert notice.date < today, notice.slug
        assert english.date == notice.date  # synchronised, not a copy
        for page in (notice, english):
            assert page.body.count("<p>") >= 3, (page.locale, page.slug)
        assert english.title != notice.title
