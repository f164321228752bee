"""The demo lenient catalogue (notices/demo/catalogue.py)."""

import pytest

from notices.lists.catalogue import LenientCataloguePage
from notices.lists.changes import diff_versions
from notices.lists.versions import ListVersion

pytestmark = pytest.mark.django_db


def test_demo_catalogue_has_three_batches_35_items_and_a_story_of_changes():
    from home import demo
    from notices.demo import catalogue as demo_catalogue

    demo.load(print)
    demo_catalogue.load(print)
    demo_catalogue.load(print)
    for language in ("zh-hans", "en"):
        page = LenientCataloguePage.objects.get(locale__language_code=language)
        assert page.is_demo and page.live and page.show_in_menus
        assert page.batches.count() == 3 and page.items.count() == 35
        old, new = ListVersion.objects.filter(page=page).order_by("number")
        diffs = {d.spec.name: d for d in diff_versions(old, new)}
        assert len(diffs["items"].added) == 11
        assert len(diffs["items"].changed) == 2 and len(diffs["items"].repealed) == 1
    page.full_clean()  # the demo passes its own checks


def test_demo_catalogue_in_english_is_repealed_where_the_chinese_is():
    """The English catalogue is the Chinese one's synchronised translation, so an
    item repealed in Chinese never reads as in force in English."""
    from wagtail_localize.models import Translation

    from home import demo
    from notices.demo import catalogue as demo_catalogue

    demo.load(print)
    demo_catalogue.load(print)
    pages = {
        language: LenientCataloguePage.objects.get(locale__language_code=language)
        for language in ("zh-hans", "en")
    }
    repealed = {
        language: {
            (item.number, item.repealed_on): item.repeal_note
            for item in page.items.all()
            if item.repealed_on
        }
        for language, page in pages.items()
    }
    assert repealed["en"].keys() == repealed["zh-hans"].keys() and repealed["en"]
    assert all(note.isascii() for note in repealed["en"].values())
    assert Translation.objects.filter(
        source__object_id=pages["zh-hans"].translation_key,
        target_locale=pages["en"].locale,
    ).exists()
