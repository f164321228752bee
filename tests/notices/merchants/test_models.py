"""notices/merchants/models.py: map points, ratings from inspections."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from notices.merchants.models import Inspection, rating_from
from tests.notices.merchant_builders import merchant
from tests.notices.station_builders import small_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(bilingual_site):
    return small_tree(
        bilingual_site, communities=1, staff_per_community=0, photos=False
    )[3][0]


def test_rating_follows_the_latest_inspections():
    assert rating_from([]) == ""
    assert rating_from(["failed", "good", "good"]) == "improve"
    assert rating_from(["good", "good", "good"]) == "excellent"
    assert rating_from(["good", "good"]) == "good"
    assert rating_from(["good", "failed", "good"]) == "good"


def test_an_inspection_updates_the_shops_rating_and_deleting_it_restores_it(community):
    shop = merchant(community)
    day = dt.date(2026, 11, 1)
    for offset in range(3):
        Inspection.objects.create(
            merchant=shop, inspected_on=day - dt.timedelta(days=offset), result="good"
        )
    shop.refresh_from_db()
    assert shop.rating == "excellent"
    latest = Inspection.objects.create(
        merchant=shop, inspected_on=day + dt.timedelta(days=1), result="failed"
    )
    shop.refresh_from_db()
    assert shop.rating == "improve"
    latest.delete()
    shop.refresh_from_db()
    assert shop.rating == "excellent"


@translation.override("en")
def test_a_map_point_outside_china_or_half_given_is_refused(community):
    shop = merchant(community)
    shop.latitude, shop.longitude = Decimal("51.5"), Decimal("-0.12")
    with pytest.raises(ValidationError) as raised:
        shop.full_clean()
    assert "outside China" in str(raised.value)
    shop.latitude, shop.longitude = Decimal("34.26"), None
    with pytest.raises(ValidationError) as raised:
        shop.full_clean()
    assert "both" in str(raised.value)
    shop.longitude = Decimal("117.18")
    shop.full_clean()


def test_a_bad_licence_number_is_refused_by_the_model(community):
    shop = merchant(community)
    shop.licence_number = "91350100M000100Y44"
    with pytest.raises(ValidationError) as raised:
        shop.full_clean()
    assert "licence_number" in raised.value.message_dict
