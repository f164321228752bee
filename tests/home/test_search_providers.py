"""Site search over the home app's pages (home/search_providers.py)."""

import pytest
from bs4 import BeautifulSoup

from home.models import BureauIdentity

pytestmark = pytest.mark.django_db


def titles(client, query: str) -> list[str]:
    response = client.get("/zh-hans/search/", {"q": query})
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text.strip() for a in soup.select(".result__title")]


def test_the_hotline_finds_the_home_page_and_follows_a_change(client, bilingual_site):
    identity = BureauIdentity.objects.get(locale=bilingual_site.zh)
    identity.hotline = "12319"
    identity.save()
    home = bilingual_site.home_zh.title
    assert titles(client, "12319") == [home]
    identity.hotline = "96123"
    identity.save()
    assert titles(client, "96123") == [home]
    assert titles(client, "12319") == []
