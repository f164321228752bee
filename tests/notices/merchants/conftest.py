"""Two communities (黄河社区 translated, 滨湖社区) built once per module."""

import copy

import pytest

from portal import roles
from tests.conftest import translate
from tests.notices.station_builders import small_tree


@pytest.fixture(scope="module")
def shared_places(module_transaction):
    site = module_transaction
    directory, district, sub, (here, there) = small_tree(
        site, communities=2, staff_per_community=0, photos=False
    )
    for page in (directory, district, sub, here):
        translate(page, site.en, title=f"EN {page.title}")
    roles.sync_roles()
    return {"directory": directory, "here": here, "there": there, "site": site}


@pytest.fixture
def places(db, shared_places):
    return copy.deepcopy(shared_places)
