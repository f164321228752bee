"""A convenience map over two communities of one district (黄河区: 黄河社区 and
滨湖社区), built per test."""

from dataclasses import dataclass

import pytest

from tests.notices.convenience.builders import map_page
from tests.notices.station_builders import small_tree


@dataclass
class MapSite:
    site: object
    directory: object
    district: object
    sub: object
    a: object
    b: object
    page: object


@pytest.fixture
def cmap(bilingual_site) -> MapSite:
    directory, district, sub, (a, b) = small_tree(
        bilingual_site, communities=2, staff_per_community=0, photos=False
    )
    page = map_page(bilingual_site.home_zh)
    return MapSite(bilingual_site, directory, district, sub, a, b, page)
