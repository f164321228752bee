"""Shops, campaigns and ranking entries for the merchant tests."""

import datetime as dt
import itertools

from django.utils import timezone

from notices.merchants.campaigns import Campaign
from notices.merchants.licence import check_character
from notices.merchants.models import Merchant
from notices.merchants.rankings import ListingEntry

_numbers = itertools.count(1)


def licence(number: int | None = None) -> str:
    first17 = f"9132030{(number or next(_numbers)):010d}"
    return first17 + check_character(first17)


def merchant(community, name="滨湖路鲜果超市", **fields) -> Merchant:
    values = {
        "licence_number": licence(),
        "trade": "grocery",
        "address": "滨湖路18号",
        "frontage_duty": "店门至路沿石，东西各8米",
        "contact_name": "陈立新",
        "contact_phone": "13900001001",
        **fields,
    }
    return Merchant.objects.create(name=name, community=community, **values)


def campaign(community=None, phase="voting", **fields) -> Campaign:
    """A campaign whose dates put it in `phase` today."""
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    offsets = {
        "upcoming": (5, 10, 15, 20),
        "nominating": (-5, 5, 10, 20),
        "voting": (-30, -20, -5, 5),
        "counting": (-60, -50, -40, -30),
    }[phase]
    values = dict(
        zip(
            ("nominations_open", "nominations_close", "voting_opens", "voting_closes"),
            (today + offset * day for offset in offsets),
            strict=True,
        )
    )
    return Campaign.objects.create(
        title=fields.pop("title", "最美商户评选"),
        criteria="落实门前三包。",
        community=community,
        **{**values, **fields},
    )


def listing(community, created_by=None, approved=True, **fields) -> ListingEntry:
    today = timezone.localdate()
    values = {
        "business_name": "建国路水果摊档",
        "colour": "black",
        "category": "outside",
        "reason": "水果箱堆放在人行道。",
        "decided_on": today,
        "starts_on": today - dt.timedelta(days=1),
        "ends_on": today + dt.timedelta(days=30),
        "staff_note": "私下备注：店主答应周五前整改",
        **fields,
    }
    entry = ListingEntry.objects.create(
        community=community, created_by=created_by, **values
    )
    if approved:
        ListingEntry.objects.filter(pk=entry.pk).update(approved_at=timezone.now())
        entry.refresh_from_db()
    return entry
