"""The session's base site (tests/conftest.py): every test finds it as it was built,
whatever the tests before it changed, committed or flushed, in any order."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, Site

from home.models import BureauIdentity, HomePage
from tests.conftest import BilingualSite


def assert_as_built(site: BilingualSite) -> None:
    assert site.home_zh.title == "城市管理进社区"
    assert site.home_en.title == "City management in communities"
    assert site.home_en.translation_key == site.home_zh.translation_key
    assert site.home_zh.get_children().count() == 0
    assert Page.objects.count() == 3  # the tree's root and the two home pages
    assert Locale.get_default() == site.zh
    assert Site.objects.get() == site.site
    assert site.site.root_page_id == site.home_zh.pk
    paths = {
        (p.site_id, p.root_path, p.language_code) for p in Site.get_site_root_paths()
    }
    assert paths == {
        (site.site.pk, site.home_zh.url_path, "zh-hans"),
        (site.site.pk, site.home_en.url_path, "en"),
    }
    names = dict(BureauIdentity.objects.values_list("locale_id", "name"))
    assert names == {
        site.zh.pk: "示范市城市管理局",
        site.en.pk: "Demo City Urban Management Bureau",
    }
    # Content type ids remembered in this process are those in the database.
    stored = ContentType.objects.get(app_label="home", model="homepage")
    assert ContentType.objects.get_for_model(HomePage) == stored
    assert site.home_zh.content_type_id == stored.pk


def change_everything(site: BilingualSite) -> None:
    site.home_zh.title = "改过的首页"
    site.home_zh.save_revision().publish()
    site.home_en.delete()
    BureauIdentity.objects.filter(locale=site.zh).update(name="改过的名称")
    Site.objects.update(hostname="changed.example")
    Locale.objects.create(language_code="fr")


@pytest.mark.django_db
def test_a_test_finds_the_base_site_as_built(bilingual_site):
    assert_as_built(bilingual_site)


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_finds_the_base_site_as_built(bilingual_site):
    assert_as_built(bilingual_site)


@pytest.mark.django_db
def test_a_test_may_change_the_base_site(bilingual_site):
    change_everything(bilingual_site)
    assert HomePage.objects.get(pk=bilingual_site.home_zh.pk).title == "改过的首页"


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_may_change_the_base_site(bilingual_site):
    change_everything(bilingual_site)
    assert not HomePage.objects.filter(locale=bilingual_site.en).exists()
