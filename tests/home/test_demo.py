"""home/demo.py: the demo's home pages and bureau identity, loaded once however often
the loader runs."""

import pytest
from wagtail.models import Page

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
