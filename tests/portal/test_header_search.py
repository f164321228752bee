"""Every public page has a search field in its header (portal/templates/includes/
header.html), sending the words to the site search in the page's language."""

import re

import pytest
from bs4 import BeautifulSoup

from home.models import StandardPage
from tests.conftest import publish, translate

pytestmark = pytest.mark.django_db


def header_search(response):
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("header form[role=search]")
    assert form is not None, response.request["PATH_INFO"]
    field = form.select_one("input[name=q]")
    label = soup.find("label", attrs={"for": field["id"]})
    return form["action"], field, label.text.strip()


def test_every_page_in_the_sitemap_has_a_search_field(client, bilingual_site):
    page = StandardPage(title="便民服务", slug="services")
    bilingual_site.home_zh.add_child(instance=page)
    publish(page)
    translate(page, bilingual_site.en, title="Services")
    sitemap = client.get("/sitemap.xml").content.decode()
    paths = [
        re.sub(r"^https?://[^/]+", "", loc)
        for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]
    assert len(paths) == 4

    for path in paths:
        action, field, label = header_search(client.get(path))
        language = path.split("/")[1]
        assert action == f"/{language}/search/"
        assert field["type"] == "search" and label


def test_the_field_is_named_in_the_readers_language(client, bilingual_site):
    assert header_search(client.get("/zh-hans/"))[2] == "搜索本站"
    assert header_search(client.get("/en/"))[2] == "Search the site"


def test_a_page_that_is_not_found_still_offers_search(client, bilingual_site):
    response = client.get("/zh-hans/no-such-page/")
    assert response.status_code == 404
    assert header_search(response)[0] == "/zh-hans/search/"
