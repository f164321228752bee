"""Builders for the site-search tests: pages to find, and what the search page lists."""

from bs4 import BeautifulSoup

from home.models import StandardPage
from tests.conftest import publish

TITLE = "早餐摊占道经营整治通知"


def breakfast_notice(site) -> StandardPage:
    """A published page titled TITLE, with a body of other words to find it by."""
    page = StandardPage(
        title=TITLE,
        slug="breakfast",
        intro="2026年3月起,黄河社区开展普法宣传和早餐摊规范整治。",
    )
    site.home_zh.add_child(instance=page)
    return publish(page)


def page(site, title: str, intro: str = "", slug: str = "") -> StandardPage:
    new = StandardPage(title=title, slug=slug or f"p{abs(hash(title)) % 10**8}")
    new.intro = intro
    site.home_zh.add_child(instance=new)
    return publish(new)


def soup_of(client, query: str, language: str = "zh-hans", **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    return BeautifulSoup(response.content, "html.parser")


def titles(client, query: str, language: str = "zh-hans", **params) -> list[str]:
    soup = soup_of(client, query, language, **params)
    return [a.text.strip() for a in soup.select(".result__title")]
