"""home/demo.py: the demo's home pages and bureau identity, loaded once however often
the loader runs."""

import pytest
from wagtail.models import Locale, Page

from home import demo
from home.models import BureauIdentity, HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_demo_foundation_loader_is_idempotent():
    demo.load(print)
    counts = (Page.objects.count(), BureauIdentity.objects.count())
    demo.load(print)
    assert (Page.objects.count(), BureauIdentity.objects.count()) == counts
    assert HomePage.objects.filter(locale__language_code="en").live().count() == 1
    assert StandardPage.objects.filter(slug="privacy").live().count() == 2


def sync_english(page, english_of_changes: dict[str, str], on_commit):
    """What an editor's "Sync translated pages" does with wagtail-localize's public
    API: bring the source up to date, record a translator's English for changed
    strings (a PO file in, as the translation editor's upload), save and publish."""
    from wagtail_localize.models import Translation, TranslationSource

    source = TranslationSource.objects.get_for_instance(page)
    source.update_from_db()
    translation = Translation.objects.get(
        source=source, target_locale__language_code="en"
    )
    po = translation.export_po()
    for entry in po:
        if entry.msgid in english_of_changes:
            entry.msgstr = english_of_changes[entry.msgid]
    translation.import_po(po)
    with on_commit(execute=True):
        translation.save_target(publish=True)
    return page.get_translation(translation.target_locale).specific


def test_english_demo_page_is_a_localize_translation_that_follows_the_chinese(
    django_capture_on_commit_callbacks,
):
    demo.load(print)
    privacy = StandardPage.objects.get(slug="privacy", locale__language_code="zh-hans")
    english = privacy.get_translation(Locale.objects.get(language_code="en")).specific
    assert english.title == "Privacy notice"
    assert "What we collect" in str(english.body)

    privacy.title = "个人信息保护政策"
    privacy.show_in_menus = True
    privacy.save_revision().publish()

    # Not translated yet: the changed string falls back to the Chinese source, the
    # unchanged ones keep their English, the synchronised field follows.
    english = sync_english(privacy, {}, django_capture_on_commit_callbacks)
    assert english.title == "个人信息保护政策"
    assert english.intro.startswith("We collect only what a request needs")
    assert english.show_in_menus and english.live

    english = sync_english(
        privacy,
        {"个人信息保护政策": "Privacy policy"},
        django_capture_on_commit_callbacks,
    )
    assert english.title == "Privacy policy"
    assert "What we collect" in str(english.body)


def test_english_bureau_identity_is_a_translation_linking_english_pages():
    from wagtail_localize.models import Translation

    demo.load(print)
    english = BureauIdentity.objects.get(locale__language_code="en")
    assert english.name == "Demo City Urban Management Bureau"
    assert Translation.objects.filter(
        source__object_id=english.translation_key
    ).exists()
    assert english.privacy_page.title == "Privacy notice"
