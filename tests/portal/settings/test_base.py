"""The settings every deployment shares: map tiles allowed in the
Content-Security-Policy only when configured."""

import pytest

from portal.settings.base import tile_source
from tests.notices.station_builders import small_tree

pytestmark = pytest.mark.django_db


def test_map_without_tiles_allows_no_outside_image_host(client, bilingual_site):
    small_tree(bilingual_site, communities=1)
    policy = client.get("/zh-hans/stations/map/")["Content-Security-Policy"]
    img = next(part for part in policy.split("; ") if part.startswith("img-src"))
    assert img.split()[1:] == ["'self'", "data:"]


def test_a_configured_tile_host_becomes_an_image_source():
    assert (
        tile_source("https://{s}.tiles.example.cn/{z}/{x}/{y}.png")
        == "https://*.tiles.example.cn"
    )
    assert tile_source("") == ""
    assert tile_source("javascript:alert(1)") == ""
