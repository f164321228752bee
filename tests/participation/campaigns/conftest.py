"""Two communities (黄河社区 translated, 滨湖社区) with two shops each, built once
per module; text messages recorded instead of sent."""

import copy
import time

import pytest

from participation.abuse import form_token
from tests.conftest import translate
from tests.notices.merchant_builders import merchant
from tests.notices.station_builders import small_tree

PHONE = "13912345678"
OTHER_PHONE = "13887654321"


@pytest.fixture(autouse=True)
def recorded_sms(recorded_sms):
    """Every test here records its texts (tests/participation/conftest.py)."""
    return recorded_sms


@pytest.fixture(scope="module")
def shared_world(module_transaction):
    site = module_transaction
    directory, district, sub, (here, there) = small_tree(
        site, communities=2, staff_per_community=0, photos=False
    )
    for page in (directory, district, sub, here):
        translate(page, site.en, title=f"EN {page.title}")
    return {
        "site": site,
        "directory": directory,
        "here": here,
        "there": there,
        "fruit": merchant(here, name="滨湖路鲜果超市"),
        "canteen": merchant(here, name="淮海路便民餐馆", trade="catering"),
        "far": merchant(there, name="建国路五金店", trade="repair"),
    }


@pytest.fixture
def world(db, shared_world):
    return copy.deepcopy(shared_world)


def guarded(**data) -> dict:
    """Form data as a browser sends it a minute after the form was served."""
    return {"website": "", "form_token": form_token(issued_at=time.time() - 60), **data}
