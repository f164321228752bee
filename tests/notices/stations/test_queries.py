"""Directory and community pages run the same number of SQL queries whatever the
number of communities and staff (measured at two data sizes), warm (site-wide lookups
remembered in the cache) and cold (cache emptied first)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notices.models import SubdistrictPage
from tests.conftest import translate
from tests.notices.station_builders import area, community, small_tree, staff

pytestmark = pytest.mark.django_db


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
