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
