"""Two communities: meetings of the first, and one of the second that its staff must
never see."""

import pytest

from tests.conftest import translate
from tests.notices.station_builders import small_tree


@pytest.fixture
def world(bilingual_site):
    index, district, sub, (here, there) = small_tree(
        bilingual_site, communities=2, staff_per_community=0, photos=False
    )
    for page in (index, district, sub, here):
        translate(page, bilingual_site.en, title=f"EN {page.title}")
    return {"here": here, "there": there, "directory": index}
