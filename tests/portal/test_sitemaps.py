"""portal/sitemaps.py: the sitemap lists both languages' pages at the address the
request came to, and no draft or private page."""

import re

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from tests.conftest import publish, translate

pytestmark = pytest.mark.django_db

HOST = "portal.example.test"


def locations(client) -> list[str]:
    response = client.get("/sitemap.xml", HTTP_HOST=HOST)
    assert response.status_code == 200
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


@override_settings(ALLOWED_HOSTS=[HOST])
def test_both_languages_are_listed_on_the_requests_host(client, bilingual_site):
    page = StandardPage(title="便民服务", slug="services")
    bilingual_site.home_zh.add_child(instance=page)
    publish(page)
    translate(page, bilingual_site.en, title="Services")

    listed = locations(client)

    assert f"http://{HOST}/zh-hans/" in listed
    assert f"http://{HOST}/en/" in listed
    assert f"http://{HOST}/zh-hans/services/" in listed
    assert f"http://{HOST}/en/services/" in listed
    assert all(location.startswith(f"http://{HOST}/") for location in listed)


@override_settings(ALLOWED_HOSTS=[HOST])
def test_drafts_and_private_pages_are_not_listed(client, bilingual_site):
    draft = StandardPage(title="草稿", slug="draft", live=False)
    bilingual_site.home_zh.add_child(instance=draft)
    private = StandardPage(title="内部", slug="private")
    bilingual_site.home_zh.add_child(instance=private)
    publish(private)
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    listed = locations(client)

    assert f"http://{HOST}/zh-hans/" in listed
    assert not any("/draft/" in location for location in listed)
    assert not any("/private/" in location for location in listed)
