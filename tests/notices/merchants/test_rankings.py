"""notices/merchants/rankings.py and the public ranking page: no person's number,
periods that make sense, a second person's approval, and entries that leave the
list on their end date with nobody acting."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from notices.merchants.rankings import ListingError, approve
from tests.factories import UserFactory
from tests.notices.merchant_builders import listing

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    ["店主电话13912345678", "联系 139 1234 5678", "身份证32030219800101123X"],
)
def test_text_with_a_phone_or_id_number_is_refused(places, text):
    entry = listing(places["here"], reason=text)
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        entry.full_clean()
    with translation.override("en"):
        assert "phone or ID-like number" in str(raised.value.message_dict["reason"])


def test_a_listing_that_ends_before_it_starts_is_refused(places):
    entry = listing(places["here"])
    entry.ends_on = entry.starts_on - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        entry.full_clean()
    assert "ends_on" in raised.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()


def test_the_creator_cannot_approve_and_a_second_person_can(places):
    creator, other = UserFactory(), UserFactory()
    creator.save()
    other.save()
    entry = listing(places["here"], created_by=creator, approved=False)
    with pytest.raises(ListingError):
        approve(entry, creator)
    entry.refresh_from_db()
    assert entry.approved_at is None
    approve(entry, other)
    entry.refresh_from_db()
    assert entry.approved_by == other and entry.approved_at is not None


def test_the_page_shows_approved_current_entries_without_staff_notes(places, client):
    listing(places["here"], business_name="建国路水果摊档")
    listing(places["here"], business_name="未审核商店", approved=False)
    listing(
        places["here"],
        business_name="滨湖路鲜果超市",
        colour="red",
        reason="主动清扫责任区。",
    )
    html = client.get("/zh-hans/red-black-ranking/").content.decode()
    assert "建国路水果摊档" in html and "滨湖路鲜果超市" in html
    assert "未审核商店" not in html
    assert "私下备注" not in html
    red, black = html.split('id="ranking-black"')
    assert "滨湖路鲜果超市" in red and "建国路水果摊档" in black
    assert "15" in html  # the appeal note's deadline


def test_an_entry_leaves_the_page_on_its_end_date_with_nobody_acting(places, client):
    today = dt.date(2026, 12, 7)
    listing(
        places["here"],
        business_name="到期商店",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=2),
    )
    with time_machine.travel(dt.datetime(2026, 12, 9, 12, 0), tick=False):
        assert "到期商店" in client.get("/zh-hans/red-black-ranking/").content.decode()
    with time_machine.travel(dt.datetime(2026, 12, 10, 12, 0), tick=False):
        assert (
            "到期商店" not in client.get("/zh-hans/red-black-ranking/").content.decode()
        )


def test_english_visitors_read_the_english_name_and_reason(places, client):
    listing(
        places["here"],
        business_name="建国路水果摊档",
        business_name_en="Jianguo Road Fruit Stall",
        reason_en="Crates on the pavement.",
    )
    html = client.get("/en/red-black-ranking/").content.decode()
    assert "Jianguo Road Fruit Stall" in html and "Crates on the pavement." in html
    assert "EN 黄河社区" in html
