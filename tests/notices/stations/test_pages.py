"""The directory's pages above the communities: what finds a community follows its
subdistrict's name."""

import pytest
from bs4 import BeautifulSoup

from tests.conftest import publish
from tests.notices.station_builders import small_tree

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def result_titles(client, query: str) -> list[str]:
    response = client.get("/zh-hans/stations/", {"q": query})
    return [a.text for a in soup_of(response).select(".station-results h3 a")]


def test_renaming_a_subdistrict_updates_what_finds_its_communities(
    client, bilingual_site
):
    _index, _district, sub, _pages = small_tree(bilingual_site, communities=1)
    sub.title = "彭城街道"
    publish(sub)
    assert result_titles(client, "pcjd") == ["黄河社区"]
    assert result_titles(client, "黄河街道") == []
