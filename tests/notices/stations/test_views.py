"""The station directory as residents browse it: find a community by Chinese name,
pinyin or initials; districts and subdistricts with their stations and the map
chooser; cached pages that never outlive the opening status they show; and SQL
queries that do not grow with the number of communities and staff, warm (site-wide
lookups remembered in the cache) and cold (cache emptied first)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notices.models import SubdistrictPage
from tests.conftest import translate
from tests.notices.station_builders import area, community, small_tree, staff

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def result_titles(client, query: str) -> list[str]:
    response = client.get("/zh-hans/stations/", {"q": query})
    return [a.text for a in soup_of(response).select(".station-results h3 a")]


@pytest.mark.parametrize("query", ["黄河", "huanghe", "hh", "HuangHe", "huang he"])
def test_a_resident_finds_huanghe_by_characters_pinyin_or_initials(
    client, bilingual_site, query
):
    _index, _district, sub, _pages = small_tree(bilingual_site, communities=1)
    community(sub, "民主社区", "minzhu")
    other = area(_district, SubdistrictPage, "彭城街道", "pengcheng")
    community(other, "光明社区", "guangming")
    titles = result_titles(client, query)
    assert titles[0] == "黄河社区"
    assert "光明社区" not in titles


def test_initials_find_only_matching_communities(client, bilingual_site):
    _index, _district, sub, _pages = small_tree(bilingual_site, communities=1)
    community(sub, "民主社区", "minzhu")
    assert result_titles(client, "mzsq") == ["民主社区"]


def test_a_street_name_finds_the_communities_of_that_subdistrict(
    client, bilingual_site
):
    _index, district, _sub, _pages = small_tree(bilingual_site, communities=2)
    other = area(district, SubdistrictPage, "淮海街道", "huaihai")
    community(other, "光明社区", "guangming")
    assert result_titles(client, "huaihai") == ["光明社区"]
    assert sorted(result_titles(client, "黄河街道")) == ["滨湖社区", "黄河社区"]


def test_search_shows_how_many_matched_and_where_they_are(client, bilingual_site):
    small_tree(bilingual_site, communities=2)
    soup = soup_of(client.get("/zh-hans/stations/", {"q": "sq"}))
    card = soup.select_one(".station-results .station-card")
    assert "黄河区" in card.select_one(".station-card__place").text
    assert "黄河街道" in card.select_one(".station-card__place").text
    assert "2" in soup.select_one("#results-title").text


def test_a_search_that_matches_nothing_says_so(client, bilingual_site):
    small_tree(bilingual_site, communities=1)
    soup = soup_of(client.get("/zh-hans/stations/", {"q": "zzzz"}))
    assert soup.select(".station-results .station-card") == []
    assert soup.select_one(".station-results p") is not None


def test_directory_lists_districts_and_subdistricts_with_station_counts(
    client, bilingual_site
):
    _index, district, _sub, _pages = small_tree(bilingual_site, communities=3)
    other = area(district, SubdistrictPage, "淮海街道", "huaihai")
    community(other, "光明社区", "guangming")
    soup = soup_of(client.get("/zh-hans/stations/"))
    section = soup.select_one(".station-district")
    assert "黄河区" in section.h3.text
    assert "4" in section.h3.select_one(".badge").text
    counts = {
        li.a.text: li.select_one(".station-areas__count").text
        for li in section.select(".station-areas li")
    }
    assert counts["黄河街道"].startswith("3")
    assert counts["淮海街道"].startswith("1")


def test_unpublished_communities_are_neither_counted_nor_found(client, bilingual_site):
    _index, _district, _sub, pages = small_tree(bilingual_site, communities=2)
    pages[1].unpublish()
    soup = soup_of(client.get("/zh-hans/stations/"))
    assert soup.select_one(".station-district .badge").text.strip().startswith("1")
    assert result_titles(client, "滨湖") == []


def test_district_and_subdistrict_pages_list_their_stations(client, bilingual_site):
    _index, district, sub, _pages = small_tree(bilingual_site, communities=2)
    for page in (district, sub):
        soup = soup_of(client.get(page.url))
        names = [a.text for a in soup.select(".station-card__title a")]
        assert names == ["黄河社区", "滨湖社区"]


@pytest.mark.parametrize(
    ("moment", "change"),
    [
        (dt.datetime(2026, 11, 23, 10, 0), dt.datetime(2026, 11, 23, 12, 0)),
        (dt.datetime(2026, 11, 23, 11, 55), dt.datetime(2026, 11, 23, 12, 0)),
        (dt.datetime(2026, 11, 22, 23, 55), dt.datetime(2026, 11, 23, 0, 0)),
    ],
    ids=["two hours before closing", "closes at 12:00", "a new day at midnight"],
)
def test_a_cached_page_never_outlives_the_status_it_shows(
    client, bilingual_site, settings, moment, change
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    _index, _district, sub, pages = small_tree(bilingual_site, communities=1)
    for url in (pages[0].url, sub.url):
        with time_machine.travel(moment.replace(tzinfo=SHANGHAI), tick=False):
            client.get(url)  # makes photo renditions, which starts a new generation
            before = client.get(url)
            assert client.get(url).get("X-Portal-Cache") == "hit", url
        after_change = change + dt.timedelta(seconds=1)
        with time_machine.travel(after_change.replace(tzinfo=SHANGHAI), tick=False):
            after = client.get(url)
        assert after.get("X-Portal-Cache") == "miss", url
        status = soup_of(after).select_one(".station-status").text
        assert status != soup_of(before).select_one(".station-status").text, url


def test_a_page_seconds_before_a_change_is_not_cached(client, bilingual_site, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    _index, _district, _sub, pages = small_tree(bilingual_site, communities=1)
    moment = dt.datetime(2026, 11, 23, 11, 59, 58, tzinfo=SHANGHAI)  # closes at 12:00
    with time_machine.travel(moment, tick=False):
        client.get(pages[0].url)
        client.get(pages[0].url)
        assert "X-Portal-Cache" not in client.get(pages[0].url)


def test_map_page_sends_the_resident_to_one_district_or_subdistrict_at_a_time(
    client, bilingual_site
):
    _index, district, sub, _pages = small_tree(bilingual_site, communities=2)
    soup = soup_of(client.get("/zh-hans/stations/map/"))
    links = {a.text: a["href"] for a in soup.select(".station-district a")}
    assert links == {
        "黄河区": district.url + "#station-map",
        "黄河街道": sub.url + "#station-map",
    }
    assert "2" in soup.select_one(".station-district .badge").text
    # A city's 600 stations are not listed here, nor is Leaflet loaded.
    assert soup.select(".station-card") == []
    # The directory lists the same tree (written once for each page and remembered)
    # with plain links, under its own heading level.
    directory = soup_of(client.get("/zh-hans/stations/"))
    assert [a["href"] for a in directory.select(".station-district a")] == [
        district.url,
        sub.url,
    ]
    assert directory.select_one(".station-district h3") is not None
    again = soup_of(client.get("/zh-hans/stations/map/"))
    assert again.select_one(".station-district h2 a")["href"].endswith("#station-map")
    assert soup.select_one('script[src*="leaflet"], link[href*="leaflet"]') is None


@pytest.mark.parametrize("level", ["district", "subdistrict"])
def test_district_and_subdistrict_pages_carry_their_stations_map(
    client, bilingual_site, level
):
    _index, district, sub, pages = small_tree(bilingual_site, communities=2)
    soup = soup_of(client.get((district if level == "district" else sub).url))
    cards = soup.select(".station-card")
    assert [card.select_one("a").text for card in cards] == ["黄河社区", "滨湖社区"]
    # The markers' places travel with the list: no second request for them.
    assert float(cards[0]["data-lat"]) == pytest.approx(34.2641)
    assert float(cards[0]["data-lng"]) == pytest.approx(117.1841)
    # Leaflet comes only when the resident asks for the map; the offer is shown by
    # the page's script, which is the site's own.
    box = soup.select_one("#station-map")
    assert box.has_attr("hidden") and box["data-tiles"] == ""
    assert box["data-leaflet-js"].endswith("leaflet.js")
    assert soup.select_one("[data-map-offer]").has_attr("hidden")
    assert soup.select_one('script[src*="leaflet"], link[href*="leaflet"]') is None
    assert soup.select_one('script[src$="notices/stations.js"]') is not None


def queries_for(client, url: str, cold: bool = False) -> int:
    """SQL queries of one anonymous view of `url`, after a first view that makes
    image renditions; `cold` empties the cache before the measured view."""
    client.get(url)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def grow(site, sub, district, communities: int, staff_each: int) -> None:
    """Add more communities, a second subdistrict and more staff everywhere."""
    extra_sub = area(district, SubdistrictPage, "淮海街道", "huaihai")
    for number in range(communities):
        members = [
            staff(f"X{number:03d}{m}", site.zh, name=f"增员{number}-{m}")
            for m in range(staff_each)
        ]
        parent = sub if number % 2 else extra_sub
        community(parent, f"新社区{number}", f"extra-{number}", members=members)


@pytest.fixture
def counts(client, bilingual_site):
    """Query counts of each page at a small and at a larger size."""

    def measure(pages):
        index, district, sub, communities = pages
        first = communities[0]
        urls = {
            "directory": index.url,
            "search": index.url + "?q=hh",
            "map": index.url + "map/",
            "district": district.url,
            "subdistrict": sub.url,
            "community": first.url,
            "poster": first.url + "poster/",
        }
        return {
            (name, state): queries_for(client, url, cold=state == "cold")
            for name, url in urls.items()
            for state in ("warm", "cold")
        }

    tree = small_tree(bilingual_site, communities=2, staff_per_community=1)
    small = measure(tree)
    index, district, sub, communities = tree
    grow(bilingual_site, sub, district, communities=6, staff_each=3)
    first = communities[0]
    for number in range(5):
        member = staff(f"Y{number}", bilingual_site.zh, name=f"加{number}")
        first.staff_links.create(staff=member, mode="patrol", days=[2])
    first.save_revision().publish()
    large = measure(tree)
    return small, large


def test_query_counts_do_not_grow_with_communities_or_staff(counts):
    small, large = counts
    grown = {key: (small[key], large[key]) for key in small if small[key] != large[key]}
    assert grown == {}, "queries grow with the number of stations"
    # A cold view reads the pages themselves: were it no dearer than a warm one,
    # the measurement would have measured the cache.
    cheap = {name for name, _ in small if small[name, "cold"] <= small[name, "warm"]}
    assert cheap == set()


def test_english_community_page_queries_do_not_grow_with_staff(client, bilingual_site):
    index, district, sub, pages = small_tree(
        bilingual_site, communities=1, staff_per_community=1
    )
    for page in (index, district, sub):
        translate(page, bilingual_site.en, title=f"EN {page.title}")
    english = translate(pages[0], bilingual_site.en, title="Huanghe")
    small = [queries_for(client, english.url, cold) for cold in (False, True)]
    for number in range(6):
        member = staff(f"Z{number}", bilingual_site.zh, name=f"员{number}")
        translated = member.copy_for_translation(bilingual_site.en)
        translated.name = f"Member {number}"
        translated.save()
        english.staff_links.create(staff=member, mode="resident", days=[1])
    english.save_revision().publish()
    assert [queries_for(client, english.url, cold) for cold in (False, True)] == small
    assert small[1] > small[0]
