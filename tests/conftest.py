"""Shared fixtures: a minimal bilingual site tree built for each test that asks."""

from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage
from tests.factories import BureauIdentityFactory, HomePageFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (Redis outlives the test database).

    A test runs inside a transaction that is never committed, so the content
    generation, which moves on commit (portal/cache.py), is moved as soon as a change
    is pending, as a commit right after it would. Tests of the commit itself
    disconnect this (tests/portal/test_invalidation.py)."""
    from django.core.cache import cache

    from portal.cache import change_pending, move_generation

    uid = "tests-move-generation-at-once"
    cache.clear()
    change_pending.connect(move_generation, dispatch_uid=uid)
    yield
    change_pending.disconnect(dispatch_uid=uid)


@dataclass
class BilingualSite:
    zh: Locale
    en: Locale
    home_zh: HomePage
    home_en: HomePage
    site: Site


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page.specific


def translate(page: Page, locale: Locale, **fields) -> Page:
    """Publish a translation of `page` in `locale` with the given field values."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return publish(translated)


def build_bilingual_site() -> BilingualSite:
    """A Chinese home page as the site root, its English translation, the identity."""
    # A transactional test before this one may have flushed the database, so content
    # types were recreated with new ids and Wagtail's root page and collection are gone.
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models())  # warm, before any thread
    zh = Locale.objects.get_or_create(language_code="zh-hans")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.get_first_root_node() or Page.add_root(
        title="Root", slug="root", locale=zh
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    for stale in root.get_children():
        stale.delete()
    home_zh = HomePageFactory(parent=root, locale=zh)
    home_en = translate(
        home_zh,
        en,
        title="City management in communities",
        intro="Services in your community.",
    )
    site = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home_zh},
    )[0]
    identity = BureauIdentityFactory(locale=zh)
    english = identity.copy_for_translation(en)
    english.name = "Demo City Urban Management Bureau"
    english.programme_name = "City management in communities"
    english.save()
    return BilingualSite(zh=zh, en=en, home_zh=home_zh, home_en=home_en, site=site)


@pytest.fixture
def bilingual_site(db) -> BilingualSite:
    return build_bilingual_site()
