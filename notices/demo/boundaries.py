"""Demo boundaries: the demo stations placed around Loudi (an older demo data set put
them on a diagonal line), then every community's boundary made up from the stations
(notices/maps/tiling.py), subdistricts and districts joined from them."""

from collections.abc import Callable
from decimal import Decimal

from wagtail.models import Locale

from notices.demo.stations import TREE, demo_position
from notices.maps.tiling import tile_directory
from notices.stations.community import CommunityPage


def _old_diagonal(community_number: int, district_number: int) -> tuple:
    return (
        Decimal(f"{34.20 + community_number * 0.006:.6f}"),
        Decimal(
            f"{117.10 + district_number * 0.05 + (community_number % 5) * 0.012:.6f}"
        ),
    )


def move_off_the_diagonal() -> int:
    """Demo stations still where the older demo data put them move to their place
    around Loudi, in every language; stations moved by hand are left alone."""
    moved = 0
    pages = {
        page.title: page
        for page in CommunityPage.objects.filter(locale=Locale.get_default()).only(
            "title", "translation_key", "latitude", "longitude"
        )
    }
    number = 0
    for district_number, subdistricts in enumerate(TREE.values()):
        for sub_number, communities in enumerate(subdistricts.values()):
            for number_in_sub, name in enumerate(communities):
                number += 1
                page = pages.get(name)
                if page is None:
                    continue
                if (page.latitude, page.longitude) != _old_diagonal(
                    number, district_number
                ):
                    continue
                CommunityPage.objects.filter(
                    translation_key=page.translation_key
                ).update(
                    **demo_position(district_number, sub_number, number_in_sub, name)
                )
                moved += 1
    return moved


def load(stdout_write: Callable[[str], None]) -> None:
    """Idempotent: safe to run any number of times."""
    moved = move_off_the_diagonal()
    if moved:
        stdout_write(f"Moved {moved} demo stations to their places around Loudi.")
    written = tile_directory()
    if written:
        stdout_write(f"Area boundaries: {written} written.")
