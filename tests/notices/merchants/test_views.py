"""notices/merchants/views.py: the public merchant directory shows what a resident
needs and nothing personal."""

import pytest

from notices.merchants.models import Inspection
from tests.notices.merchant_builders import merchant

pytestmark = pytest.mark.django_db


def test_the_directory_shows_shops_but_no_licence_address_or_contact(places, client):
    shop = merchant(places["here"], contact_name="陈立新", contact_phone="13900001001")
    Inspection.objects.create(merchant=shop, inspected_on="2026-11-01", result="failed")
    html = client.get("/zh-hans/merchants/").content.decode()
    assert "滨湖路鲜果超市" in html and "店门至路沿石" in html and "黄河社区" in html
    assert "须整改" in html or "Must improve" in html
    for private in (shop.licence_number, "陈立新", "13900001001", "滨湖路18号"):
        assert private not in html


def test_unlisted_shops_stay_out_and_filters_narrow_the_list(places, client):
    merchant(places["here"], name="甲水果店")
    merchant(places["there"], name="乙餐馆", trade="catering")
    merchant(places["here"], name="已关门小店", listed=False)
    html = client.get("/zh-hans/merchants/").content.decode()
    assert "甲水果店" in html and "乙餐馆" in html and "已关门小店" not in html
    html = client.get("/zh-hans/merchants/?trade=catering").content.decode()
    assert "乙餐馆" in html and "甲水果店" not in html
    there = places["there"].pk
    html = client.get(f"/zh-hans/merchants/?community={there}").content.decode()
    assert "乙餐馆" in html and "甲水果店" not in html


@pytest.mark.parametrize(
    "query", ["community=abc", "page=%00", "community=99999999999999999999"]
)
def test_bad_parameters_get_a_clear_answer_not_a_server_error(places, client, query):
    response = client.get(f"/zh-hans/merchants/?{query}")
    assert response.status_code == 400
